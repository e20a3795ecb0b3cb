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
    let involvedLabel: String
    let relieveLabel: String
    let people: [PersonChoice]
    let submit: String
    let csrf: String
    let submissionKey: String

    func error(_ field: String) -> String? { errors.first { $0.field == field }?.message }
}
