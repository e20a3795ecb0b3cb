import Domain

struct RequestSupportPageModel {
    let heading: String
    let intro: String
    let involveLeaderLabel: String
    let outsideUnitLabel: String
    let privacyNote: String
    let submit: String
    let crisisText: String
    let csrf: String
    let submissionKey: String
}

extension RequestSupportPageModel {
    init(crisis: CrisisContacts, t: Localizer, csrf: String, submissionKey: String) {
        self.init(
            heading: t("request.heading"), intro: t("request.intro"), involveLeaderLabel: t("request.involve_leader"),
            outsideUnitLabel: t("request.outside_unit"), privacyNote: t("request.privacy"), submit: t("request.submit"),
            crisisText: t.crisis(crisis), csrf: csrf, submissionKey: submissionKey)
    }
}
