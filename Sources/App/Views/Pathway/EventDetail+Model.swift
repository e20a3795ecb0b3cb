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
}
