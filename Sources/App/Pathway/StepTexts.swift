import Domain
import Foundation

/// How steps and statuses read, for leaders and, more warmly, for the person themself.
extension Localizer {
    func stepTitle(_ key: StepKey, forPerson: Bool) -> String {
        self(forPerson ? "step.\(key.rawValue).personal_title" : "step.\(key.rawValue).title")
    }

    func stepDescription(_ key: StepKey, forPerson: Bool) -> String {
        self(forPerson ? "step.\(key.rawValue).personal" : "step.\(key.rawValue).description")
    }

    func status(_ status: StepStatus) -> String { self("status.\(status.rawValue)") }

    /// The status as the person reads it about their own step: what they said or what took place.
    func status(_ status: StepStatus, forPerson: Bool) -> String {
        forPerson ? self("status.person.\(status.rawValue)") : self.status(status)
    }

    /// What someone in acute crisis should call now, with the organization's numbers.
    func crisis(_ contacts: CrisisContacts) -> String {
        self("support.crisis", ["emergency": contacts.emergency, "out_of_hours": contacts.outOfHours])
    }

    func kind(_ kind: EventKind) -> String { self("kind.\(kind.rawValue)") }

    func severity(_ severity: Severity) -> String { self("severity.\(severity.rawValue)") }

    func action(_ status: StepStatus, from: StepStatus, forPerson: Bool) -> String {
        if forPerson { return self("action.person.\(status.rawValue)") }
        if status == .offered && from == .declined { return self("action.offer_again") }
        return self("action.\(status.rawValue)")
    }

    func due(_ date: Date) -> String { self("step.due", ["time": dateTime(date)]) }

    func due(_ date: Date, forPerson: Bool) -> String {
        forPerson ? self("step.planned_by", ["time": dateTime(date)]) : due(date)
    }

    /// Why a defusing conversation is recommended: the organization's rule names, or that someone asked.
    func defusingRecommendation(_ reasons: [String]) -> String {
        let named = reasons.map { $0 == DefusingTriggerMatch.personAsked.label ? self("defusing.person_asked") : $0 }
        return self("step.defusing.recommended", ["rules": named.joined(separator: ", ")])
    }
}
