import Domain

struct RequestSupportPageModel {
    let heading: String
    let intro: String
    let involveLeaderLabel: String
    let outsideUnitLabel: String
    /// How the person would like to be reached; prefilled with what Ivareta knows, optional.
    let reachLegend: String
    let reachHint: String
    let reachOptions: [(value: String, label: String, checked: Bool)]
    let reachAtLabel: String
    let reachAt: String
    let problem: String?
    let errorHeading: String
    let privacyNote: String
    let submit: String
    let crisisText: String
    /// The numbers in it, made links to call.
    var crisisNumbers: [String] = []
    let csrf: String
    let submissionKey: String
}

extension RequestSupportPageModel {
    init(crisis: CrisisContacts, reachBy: String? = nil, reachAt: String = "", problem: String? = nil, t: Localizer, csrf: String, submissionKey: String) {
        self.init(
            heading: t("request.heading"), intro: t("request.intro"), involveLeaderLabel: t("request.involve_leader"),
            outsideUnitLabel: t("request.outside_unit"),
            reachLegend: t("request.reach"), reachHint: t("request.reach_hint"),
            reachOptions: ReachBy.allCases.map { ($0.rawValue, t("reach.\($0.rawValue)"), $0.rawValue == reachBy) },
            reachAtLabel: t("request.reach_at"), reachAt: reachAt, problem: problem, errorHeading: t("form.errors"),
            privacyNote: t("request.privacy"), submit: t("request.submit"),
            crisisText: t.crisis(crisis), crisisNumbers: [crisis.emergency, crisis.outOfHours], csrf: csrf, submissionKey: submissionKey)
    }
}
