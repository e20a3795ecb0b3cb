import Domain
import Foundation

/// The event form, with what the leader already typed so a rejected submission loses nothing.
struct NewEventPageModel {
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct PersonChoice {
        let id: String
        let name: String
        let detail: String
        let involved: Bool
        let relieved: Bool
    }

    struct Check {
        let label: String
        let checked: Bool
    }

    struct YesNo {
        let name: String
        let question: String
        let answer: Bool?
    }

    let heading: String
    let intro: String
    let errorSummaryHeading: String
    let errors: [(field: String, message: String)]
    let whatHeading: String
    let kindLabel: String
    let kinds: [Option]
    let severityLabel: String
    let severities: [Option]
    let unitLabel: String
    let units: [Option]
    let occurredAtLabel: String
    let occurredAt: String
    /// Shown when the date lies far back: the leader confirms it is not a typing mistake.
    let confirmOldDate: Check?
    let summaryLabel: String
    let summaryHint: String
    let summary: String
    let incidentRefLabel: String
    let incidentRefHint: String
    let incidentRef: String
    let tagsLegend: String
    let tags: [Option]
    let askedLabel: String
    let asked: Bool
    let checklistHeading: String
    let checklist: [YesNo]
    let yes: String
    let no: String
    let peopleHeading: String
    let peopleHint: String
    let searchLabel: String
    let search: String
    let searchButton: String
    /// Lists everyone in the chosen unit, for a leader who would rather look than type.
    let browseButton: String?
    /// Whose names are listed: the chosen unit's people, or those matching the search, and how many more.
    let listed: String
    let relieveLabel: String
    let people: [PersonChoice]
    let moreDetails: String
    let submit: String
    let csrf: String
    let submissionKey: String

    func error(_ field: String) -> String? { errors.first { $0.field == field }?.message }
}

extension NewEventPageModel {
    /// The form as the leader left it, with what is wrong said once per field. A form sent again keeps its
    /// one-time key; a fresh form gets `freshKey`.
    init(form: EventController.Form, problems: [EventRegistration.Problem], choices: EventController.Choices, preferredUnit: UUID? = nil, now: Date,
         timeZone: TimeZone, t: Localizer, csrf: String, freshKey: String) {
        let involved = Set(form.involvedPersonIds ?? [])
        let relieved = Set(form.relievedPersonIds ?? [])
        let tags = Set(form.tags ?? [])
        func option(_ value: String, _ label: String, _ current: String?) -> Option {
            .init(value: value, label: label, selected: value == current)
        }
        let placeholder = Option(value: "", label: t("form.choose"), selected: false)
        let unit = form.unitId.flatMap { $0.isEmpty ? nil : $0 } ?? preferredUnit?.uuidString
        let unitName = choices.units.first { $0.id.uuidString == unit }?.name
        // Those already ticked stay listed; the rest are the search's matches, or the chosen unit's people.
        let ticked = choices.people.filter { involved.contains($0.id.uuidString) || relieved.contains($0.id.uuidString) }
        let search = PeopleSearch(choices.people, query: form.q, find: form.find, unitName: unitName, excluding: Set(ticked.map(\.id)), t: t)
        var seen: Set<String> = []
        self.init(
            heading: t("event.new.heading"),
            intro: t("event.new.intro"),
            errorSummaryHeading: t("form.errors"),
            errors: problems.filter { seen.insert($0.field).inserted }.map { ($0.field, t("problem.\($0.field).\($0.code)")) },
            whatHeading: t("event.new.what"),
            kindLabel: t("event.kind"),
            kinds: [placeholder] + EventKind.allCases.map { option($0.rawValue, t.kind($0), form.kind) },
            severityLabel: t("event.severity"),
            severities: [placeholder] + Severity.allCases.map { option($0.rawValue, t.severity($0), form.severity) },
            unitLabel: t("event.unit"),
            units: (choices.units.count == 1 ? [] : [placeholder])
                + choices.units.map { option($0.id.uuidString, $0.name, unit) },
            occurredAtLabel: t("event.when"),
            occurredAt: form.occurredAt ?? LocalDateTime.format(now, timeZone: timeZone),
            confirmOldDate: problems.contains { $0.code == EventRules.TimeProblem.needsConfirmation.rawValue } || form.confirmOldDate == "true"
                ? .init(label: t("event.confirm_old_date"), checked: form.confirmOldDate == "true") : nil,
            summaryLabel: t("event.summary"),
            summaryHint: t("event.summary.hint"),
            summary: form.summary ?? "",
            incidentRefLabel: t("event.reference"),
            incidentRefHint: t("event.reference.hint"),
            incidentRef: form.incidentReportRef ?? "",
            tagsLegend: t("event.tags"),
            tags: EventTag.allCases.map { .init(value: $0.rawValue, label: t("tag.\($0.rawValue)"), selected: tags.contains($0.rawValue)) },
            askedLabel: t("event.defusing_asked"),
            asked: form.defusingAsked == "true",
            checklistHeading: t("event.checklist"),
            checklist: [
                .init(name: "patientSafe", question: t("checklist.patient_safe"), answer: form.patientSafe.flatMap(Bool.init)),
                .init(name: "staffSafe", question: t("checklist.staff_safe"), answer: form.staffSafe.flatMap(Bool.init)),
                .init(name: "premisesSafe", question: t("checklist.premises_safe"), answer: form.premisesSafe.flatMap(Bool.init)),
                .init(name: "everyoneInformed", question: t("checklist.everyone_informed"), answer: form.everyoneInformed.flatMap(Bool.init)),
            ],
            yes: t("answer.yes"),
            no: t("answer.no"),
            peopleHeading: t("event.involved"),
            peopleHint: t("event.involved.hint"),
            searchLabel: t("event.people.search"),
            search: search.query,
            searchButton: t("event.people.find"),
            browseButton: search.browseButton,
            listed: search.listed,
            relieveLabel: t("event.relieve"),
            people: (ticked + search.matches).map { person in
                .init(id: person.id.uuidString, name: person.name, detail: search.detail(person, t: t),
                      involved: involved.contains(person.id.uuidString), relieved: relieved.contains(person.id.uuidString))
            },
            moreDetails: t("event.more_details"),
            submit: t("event.new.submit"),
            csrf: csrf,
            submissionKey: form._submission ?? freshKey)
    }
}
