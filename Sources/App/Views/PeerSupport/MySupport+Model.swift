struct MySupportPageModel {
    struct CaseSummary {
        let title: String
        let subtitle: String
        let statusLabel: String
        let nextSteps: [String]
        let route: SiteRoute
    }

    let heading: String
    let intro: String
    let askHeading: String
    let askText: String
    let askButton: String
    let casesHeading: String
    let empty: String
    let cases: [CaseSummary]
    let crisisText: String
}
