import Domain
import Foundation

struct MySupportPageModel {
    struct CaseSummary {
        let title: String
        let subtitle: String
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
}

extension MySupportPageModel {
    init(_ cases: [SupportController.CaseRow], next: [UUID: [StepKey]], t: Localizer) {
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
                    title: row.eventKind.map(t.kind) ?? t("support.own_request"),
                    subtitle: t.date(row.eventAt ?? row.openedAt),
                    statusLabel: t("case.status.\(row.status.rawValue)"),
                    nextSteps: (next[row.id] ?? []).map { t.stepTitle($0, forPerson: true) },
                    route: .caseDetail(row.id),
                    request: row.requestID.map { (t("support_request.heading.own"), .supportRequest($0)) })
            },
            crisisText: t("support.crisis"))
    }
}
