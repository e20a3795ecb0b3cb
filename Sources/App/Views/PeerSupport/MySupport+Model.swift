import Domain
import Foundation

struct MySupportPageModel {
    struct CaseSummary {
        /// In the person's words: when it happened, never the event's kind.
        let title: String
        let statusLabel: String
        let nextSteps: [String]
        let route: SiteRoute
        let request: (label: String, route: SiteRoute)?
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
    /// The numbers in it, made links to call.
    var crisisNumbers: [String] = []
}

extension MySupportPageModel {
    init(_ cases: [SupportController.CaseRow], next: [UUID: [StepKey]], crisis: CrisisContacts, t: Localizer) {
        self.init(
            heading: t("support.heading"),
            intro: t("support.intro"),
            askHeading: t("support.ask.heading"),
            askText: t("support.ask.text"),
            askButton: t("nav.ask_support"),
            casesHeading: t("support.cases"),
            empty: t("support.empty"),
            cases: cases.map { row in
                CaseSummary(
                    title: row.eventAt.map { t("case.after_event", ["date": t.date($0)]) } ?? t("case.own_request", ["date": t.date(row.openedAt)]),
                    statusLabel: t("case.status.\(row.status.rawValue)"),
                    nextSteps: (next[row.id] ?? []).map { t.stepTitle($0, forPerson: true) },
                    route: .caseDetail(row.id),
                    request: row.requestID.map { (t("support_request.heading.own"), .supportRequest($0)) })
            },
            crisisText: t.crisis(crisis), crisisNumbers: [crisis.emergency, crisis.outOfHours])
    }
}
