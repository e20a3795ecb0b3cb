struct CaseDetailPageModel {
    struct PhaseSection {
        let title: String
        let steps: [StepCardModel]
    }

    let heading: String
    let subtitle: String
    let statusLabel: String
    let eventLink: (label: String, route: SiteRoute)?
    let phases: [PhaseSection]
    let closeForm: (caseRoute: SiteRoute, agreeLabel: String, submit: String)?
    let reopenForm: (route: SiteRoute, submit: String, hint: String)?
    let csrf: String
}
