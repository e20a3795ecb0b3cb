import Domain
import Foundation

struct EventDetailPageModel {
    struct InvolvedPerson {
        let name: String
        let caseRoute: SiteRoute?
        let steps: [(title: String, status: String, statusClass: String, overdue: Bool)]
    }

    let heading: String
    let facts: [(label: String, value: String)]
    let summary: String
    let defusing: String?
    let checklistHeading: String
    let checklist: [(question: String, answer: String)]
    let peopleHeading: String
    let people: [InvolvedPerson]
    let openCaseLabel: String
    let overdueLabel: String
    let defusingSection: DefusingSection?
    /// For a leader of the event's unit: the way to put its time or its people right.
    var correct: (label: String, route: SiteRoute)? = nil
    /// Said instead of an empty list to those who may see the event but none of its pathways.
    var peopleHidden: String? = nil
    /// The learning review, when one is registered: when, and a link to read it.
    var review: (text: String, label: String, route: SiteRoute)? = nil

    /// Who of the involved took part in a defusing conversation, and the way to hold one with the others.
    struct DefusingSection {
        let heading: String
        let tookPart: String?
        let waiting: String?
        let hold: (label: String, route: SiteRoute)?
    }
}

extension EventDetailPageModel {
    init(_ shown: EventController.Shown, now: Date, t: Localizer) {
        func yesNo(_ value: Bool?) -> String { value.map { $0 ? t("answer.yes") : t("answer.no") } ?? "—" }
        let event = shown.event
        self.init(
            heading: t.kind(event.kind),
            facts: [
                (t("event.severity"), t.severity(event.severity)),
                (t("event.when"), t.dateTime(event.occurredAt)),
                (t("event.unit"), shown.unitName ?? "—"),
                (t("event.reference"), event.incidentReportRef ?? "—"),
            ],
            summary: event.summary,
            defusing: shown.defusingReasons.isEmpty ? nil : t.defusingRecommendation(shown.defusingReasons),
            checklistHeading: t("event.checklist"),
            checklist: [
                (t("checklist.patient_safe"), yesNo(shown.checklist?.patientSafe)),
                (t("checklist.staff_safe"), yesNo(shown.checklist?.staffSafe)),
                (t("checklist.premises_safe"), yesNo(shown.checklist?.premisesSafe)),
                (t("checklist.everyone_informed"), yesNo(shown.checklist?.everyoneInformed)),
                (t("checklist.relieved"), shown.relieved == 0 ? t("checklist.relieved_nobody") : t.plural("checklist.relieved_people", shown.relieved)),
            ],
            peopleHeading: t("event.involved"),
            people: shown.people.map { person in
                InvolvedPerson(
                    name: person.name,
                    caseRoute: .caseDetail(person.caseID),
                    steps: person.steps.filter { $0.phase == .acute }.map { step in
                        (t.stepTitle(step.key, forPerson: false), t.status(step.status), "status-\(step.status.rawValue)", step.isOverdue(now: now))
                    })
            }.sorted { $0.name < $1.name },
            openCaseLabel: t("event.open_case"),
            overdueLabel: t("step.overdue"),
            defusingSection: shown.tookPartInDefusing.map { tookPart in
                let names = shown.people.sorted { $0.name < $1.name }
                let took = names.filter { tookPart.contains($0.personID) }.map(\.name)
                // Not yet: those whose defusing step still waits (a step marked done by hand is not waiting).
                let waiting = names.filter { person in
                    !tookPart.contains(person.personID) && person.steps.first { $0.key == .defusing }?.status.isOpen == true
                }.map(\.name)
                return DefusingSection(
                    heading: t("event.defusing_heading"),
                    tookPart: took.isEmpty ? nil : t("event.defusing_took", ["names": took.joined(separator: ", ")]),
                    waiting: waiting.isEmpty ? nil : t("event.defusing_waiting", ["names": waiting.joined(separator: ", ")]),
                    hold: waiting.isEmpty ? nil : (t("event.defusing_hold"), .defusing(event.id ?? UUID())))
            },
            correct: !shown.mayCorrect ? nil : (t("correct.link"), .correctEvent(event.id ?? .routePlaceholder)),
            peopleHidden: shown.people.isEmpty ? t("event.involved_hidden") : nil,
            review: shown.review.map { (t("event.review", ["time": t.dateTime($0.scheduledAt)]), t("event.review_open"), .review($0.id)) })
    }
}
