import Domain
import Foundation

/// Putting an event right: its time and who was involved, as the leader left the form when it was refused.
struct CorrectEventPageModel {
    struct Person {
        let id: String
        let name: String
        let detail: String
        let ticked: Bool
    }

    /// Someone being taken off: the leader says what happens to their pathway before anything changes.
    struct Removal {
        let personID: String
        let legend: String
        let choices: [(value: String, label: String, checked: Bool)]
    }

    let heading: String
    let intro: String
    let about: String
    let errorSummaryHeading: String
    let errors: [(field: String, message: String)]
    let timeLabel: String
    let time: String
    let confirmOldDate: (label: String, checked: Bool)?
    let peopleLegend: String
    let peopleHint: String
    let involved: [Person]
    /// Involved people from units the leader does not lead: shown, not changeable here.
    let fixed: [String]
    let others: [Person]
    let searchLabel: String
    let search: String
    let searchButton: String
    let browseButton: String?
    let listed: String
    let removals: [Removal]
    let submit: String
    let back: (label: String, route: SiteRoute)
    let route: SiteRoute
    let version: String
    let csrf: String
    let submissionKey: String

    func error(_ field: String) -> String? { errors.first { $0.field == field }?.message }
}

extension CorrectEventPageModel {
    init(_ current: EventCorrections.Current, form: EventCorrectionController.Form?, problems: [EventRegistration.Problem], askFor: Set<UUID>,
         choices: EventController.Choices, timeZone: TimeZone, t: Localizer, csrf: String, freshKey: String) {
        let eventID = current.event.id ?? .routePlaceholder
        let currentIDs = Set(current.involved.map(\.personID))
        let ticked = form.map { Set(($0.involvedPersonIds ?? []).compactMap(UUID.init(uuidString:))) } ?? currentIDs
        let details = Dictionary(choices.people.map { ($0.id, "\(t("profession.\($0.profession)")), \($0.unit)") }) { first, _ in first }
        // Beyond those involved: the people ticked to be added, then what a search or the unit's list brings.
        let adding = choices.people.filter { ticked.contains($0.id) && !currentIDs.contains($0.id) }
        let search = PeopleSearch(choices.people, query: form?.q, find: form?.find, unitName: current.unitName,
                                  excluding: currentIDs.union(adding.map(\.id)), t: t)
        var seen: Set<String> = []
        self.init(
            heading: t("correct.heading"),
            intro: t("correct.intro"),
            about: [t.kind(current.event.kind), current.unitName].compactMap { $0 }.joined(separator: " · "),
            errorSummaryHeading: t("form.errors"),
            errors: problems.filter { seen.insert($0.field).inserted }.map { ($0.field, t("problem.\($0.field).\($0.code)")) },
            timeLabel: t("event.when"),
            time: form?.occurredAt ?? LocalDateTime.format(current.event.occurredAt, timeZone: timeZone),
            confirmOldDate: problems.contains { $0.code == EventRules.TimeProblem.needsConfirmation.rawValue } || form?.confirmOldDate == "true"
                ? (t("event.confirm_old_date"), form?.confirmOldDate == "true") : nil,
            peopleLegend: t("event.involved"),
            peopleHint: t("correct.people_hint"),
            involved: current.involved.filter(\.inScope).map { person in
                Person(id: person.personID.uuidString, name: person.name, detail: details[person.personID] ?? "", ticked: ticked.contains(person.personID))
            },
            fixed: current.involved.filter { !$0.inScope }.map { t("correct.other_unit", ["name": $0.name]) },
            others: (adding + search.matches).map { person in
                Person(id: person.id.uuidString, name: person.name, detail: search.detail(person, t: t), ticked: ticked.contains(person.id))
            },
            searchLabel: t("correct.add_search"),
            search: search.query,
            searchButton: t("event.people.find"),
            browseButton: search.browseButton,
            listed: search.listed,
            removals: current.involved.filter { askFor.contains($0.personID) }.map { person in
                let chosen = form?.removal?[person.personID.uuidString]
                return Removal(personID: person.personID.uuidString, legend: t("correct.removal", ["name": person.name]),
                               choices: RemovalChoice.allCases.map { ($0.rawValue, t("correct.removal.\($0.rawValue)"), chosen == $0.rawValue) })
            },
            submit: t("correct.submit"),
            back: (t("correct.back"), .event(eventID)),
            route: .correctEvent(eventID),
            version: "\(current.event.version)",
            csrf: csrf,
            submissionKey: form?._submission ?? freshKey)
    }
}
