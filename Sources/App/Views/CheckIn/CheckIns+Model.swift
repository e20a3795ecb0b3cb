import Domain
import Foundation

/// The person's own check-ins: what is ready now, and per pathway how it has gone, what they chose, and help.
struct CheckInsPageModel {
    struct Due {
        let label: String
        let route: SiteRoute
    }

    struct PlanButton {
        let value: String
        let label: String
    }

    struct Consent {
        let text: String
        let buttons: [(granted: Bool, label: String)]
        let caseID: String
    }

    struct Help {
        let heading: String
        let text: String
        let services: [(name: String, kind: String, contact: String)]
        let noServices: String?
        /// The referral form: which service, and which answered check-ins to share.
        let serviceLabel: String
        let serviceOptions: [FormField.Option]
        let shareLegend: String
        let shareOptions: [(id: String, label: String)]
        /// How the person would like the service to reach them; optional, seen by that service alone.
        let reachLegend: String
        let reachOptions: [(value: String, label: String)]
        let reachAtLabel: String
        let submit: String
        let route: SiteRoute
    }

    struct Pathway {
        let anchor: String
        let title: String
        let stateText: String
        let planRoute: SiteRoute
        let planButtons: [PlanButton]
        let version: Int
        let charts: [TrendChart]
        let tableCaption: String
        let tableHeaders: [String]
        let tableRows: [[String]]
        let consent: Consent?
        let help: Help?
        let referrals: [String]
    }

    let heading: String
    let intro: String
    let dueHeading: String
    let due: [Due]
    let noneDue: String
    let trendHeading: String
    let pathways: [Pathway]
    let empty: String
    let crisisText: String
    /// The numbers in it, made links to call.
    var crisisNumbers: [String] = []
    let csrf: String
    let submissionKey: String
}

extension CheckInsPageModel {
    /// One of the person's pathways as the page needs it.
    struct PathwayRow: Sendable {
        let id: UUID
        let eventAt: Date?
        let openedAt: Date
        let status: CaseStatus
        let ownerID: UUID?
        let ownerName: String?
        let attentionAt: Date?
        let plan: CheckInPlan
        let version: Int
    }

    init(checkIns: [CheckInRecord], answers: [UUID: [String: Int]], pathways: [PathwayRow], consents: [ConsentKind: ConsentChoices],
         services: [Referrals.Service], referrals: [Referrals.Made], instrument: Instrument?, crisis: CrisisContacts, now: Date, t: Localizer,
         csrf: String, submissionKey: String) {
        // A check-in answered on another day than planned says both, so two late answers are told apart.
        func when(_ record: CheckInRecord) -> String {
            guard let answered = record.answeredAt, t.date(answered) != t.date(record.dueAt) else { return t.date(record.answeredAt ?? record.dueAt) }
            return t("check_ins.answered_for", ["date": t.date(answered), "planned": t.date(record.dueAt)])
        }
        let due = checkIns.filter { $0.status == .due && $0.dueAt <= now }.sorted { $0.dueAt > $1.dueAt }
        let closed = Set(pathways.filter { $0.status == .closed }.map(\.id))
        let attention = consents[.attentionSignalToOwner] ?? ConsentChoices()
        func title(_ row: PathwayRow) -> String {
            row.eventAt.map { t("case.after_event", ["date": t.date($0)]) } ?? t("case.own_request", ["date": t.date(row.openedAt)])
        }
        func score(_ id: UUID) -> InstrumentScore? { answers[id].flatMap { try? instrument?.score($0) } }
        self.init(
            heading: t("check_ins.heading"),
            intro: t("check_ins.intro"),
            dueHeading: t("check_ins.due_heading"),
            due: due.filter { $0.purpose == .anniversary || !closed.contains($0.caseID) }.map { record in
                Due(label: t(record.purpose == .anniversary ? "check_ins.anniversary_item" : "check_ins.due_item", ["date": t.date(record.dueAt)]),
                    route: .checkIn(record.id))
            },
            noneDue: t("check_ins.none_due"),
            trendHeading: t("check_ins.trend_heading"),
            pathways: pathways.filter { row in checkIns.contains { $0.caseID == row.id } }.map { row in
                let own = checkIns.filter { $0.caseID == row.id }.sorted { $0.dueAt < $1.dueAt }
                let answered = own.filter { $0.status == .answered }
                let scored = answered.compactMap { record in score(record.id).map { (record, $0) } }
                let next = own.first { $0.status == .due && $0.dueAt > now }
                let stateText: String = switch row.plan.state(now: now) {
                case .stopped: t("check_ins.stopped")
                case .paused(let until): t("check_ins.paused", ["date": t.date(until)])
                case .active where row.status == .closed: t("check_ins.closed")
                case .active: next.map { t("check_ins.next", ["date": t.date($0.dueAt)]) } ?? t("check_ins.no_more")
                }
                let buttons: [PlanButton] = switch row.plan.state(now: now) {
                case .active where row.status == .open:
                    [PlanButton(value: "pause_7", label: t("check_ins.pause_7")), PlanButton(value: "pause_28", label: t("check_ins.pause_28")),
                     PlanButton(value: "stop", label: t("check_ins.stop"))]
                case .active: []
                case .paused, .stopped: [PlanButton(value: "restart", label: t("check_ins.restart"))]
                }
                let wellbeing = scored.map { TrendChart.Point(label: t.date($0.0.answeredAt ?? $0.0.dueAt), value: $0.1.subscales[CheckInEscalation.wellbeingSubscale] ?? 0) }
                let reactions = scored.map { TrendChart.Point(label: t.date($0.0.answeredAt ?? $0.0.dueAt), value: $0.1.subscales[CheckInEscalation.reactionsSubscale] ?? 0) }
                let reactionsMax = Double(instrument?.items.filter { $0.subscale == CheckInEscalation.reactionsSubscale }
                    .reduce(0) { $0 + (instrument?.scale(of: $1)?.max ?? 0) } ?? 18)
                func summary(_ key: String, _ points: [TrendChart.Point]) -> String {
                    t(key, ["values": points.map { "\($0.label): \(Int($0.value))" }.joined(separator: "; ")])
                }
                let charts = scored.isEmpty ? [] : [
                    TrendChart(id: "wellbeing-\(row.id.uuidString.prefix(8))", title: t("check_ins.chart.wellbeing"),
                               summary: summary("check_ins.chart.wellbeing_summary", wellbeing), minLabel: "0", maxLabel: "10", points: wellbeing, range: 0...10),
                    TrendChart(id: "reactions-\(row.id.uuidString.prefix(8))", title: t("check_ins.chart.reactions"),
                               summary: summary("check_ins.chart.reactions_summary", reactions), minLabel: "0", maxLabel: "\(Int(reactionsMax))",
                               points: reactions, range: 0...reactionsMax),
                ]
                let rows = own.filter { $0.dueAt <= now || $0.status != .due }.map { record -> [String] in
                    let value = score(record.id)
                    return [when(record), t("check_ins.status.\(record.status.rawValue)"),
                            value.map { "\(Int($0.subscales[CheckInEscalation.wellbeingSubscale] ?? 0))" } ?? "–",
                            value.map { "\(Int($0.subscales[CheckInEscalation.reactionsSubscale] ?? 0))" } ?? "–"]
                }
                let owner = row.ownerName.flatMap { name in row.ownerID.map { _ in name } }
                let consent: Consent? = owner.map { name in
                    let args = ["owner": name]
                    if !attention.hasAnswered(caseID: row.id) {
                        return Consent(text: t("check_ins.consent.question", args),
                                       buttons: [(true, t("check_ins.consent.yes", args)), (false, t("check_ins.consent.no"))], caseID: row.id.uuidString)
                    }
                    return attention.allows(caseID: row.id)
                        ? Consent(text: t("check_ins.consent.given", args), buttons: [(false, t("check_ins.consent.change_to_no"))], caseID: row.id.uuidString)
                        : Consent(text: t("check_ins.consent.refused", args), buttons: [(true, t("check_ins.consent.change_to_yes"))], caseID: row.id.uuidString)
                }
                let referred = referrals.filter { $0.caseID == row.id }
                // Once shown, the way to help stays: a referral clears the mark but not the chance to ask another service.
                let help: Help? = row.attentionAt == nil && referred.isEmpty ? nil : Help(
                    heading: t("check_ins.suggest.heading"),
                    text: t("check_ins.suggest.text"),
                    services: services.map { ($0.name, t("service.kind.\($0.kind.rawValue)"), $0.contact) },
                    noServices: services.isEmpty ? t("check_ins.suggest.none_configured") : nil,
                    serviceLabel: t("referral.service_label"),
                    serviceOptions: services.filter { service in !referred.contains { $0.serviceID == service.id } }
                        .map { FormField.Option(value: $0.id.uuidString, label: "\($0.name) (\(t("service.kind.\($0.kind.rawValue)")))") },
                    shareLegend: t("referral.share_legend"),
                    shareOptions: answered.map { ($0.id.uuidString, t("referral.share_item", ["date": when($0)])) },
                    reachLegend: t("referral.reach"), reachOptions: ReachBy.allCases.map { ($0.rawValue, t("reach.\($0.rawValue)")) },
                    reachAtLabel: t("request.reach_at"),
                    submit: t("referral.submit"),
                    route: .makeReferral(row.id))
                return Pathway(
                    anchor: "pathway-\(row.id.uuidString)", title: title(row), stateText: stateText, planRoute: .checkInPlan(row.id), planButtons: buttons,
                    version: row.version, charts: charts, tableCaption: t("check_ins.table_caption"),
                    tableHeaders: [t("check_ins.table.date"), t("check_ins.table.status"), t("check_ins.table.wellbeing"), t("check_ins.table.reactions")],
                    tableRows: rows, consent: row.status == .open ? consent : nil, help: row.status == .open ? help : nil,
                    referrals: referred.compactMap { made in
                        services.first { $0.id == made.serviceID }.map { service in
                            made.contactedAt.map { t("referral.made_contacted", ["service": service.name, "date": t.date(made.madeAt), "contacted": t.date($0)]) }
                                ?? t("referral.made", ["service": service.name, "date": t.date(made.madeAt)])
                        }
                    })
            },
            empty: t("check_ins.empty"),
            crisisText: t.crisis(crisis), crisisNumbers: [crisis.emergency, crisis.outOfHours],
            csrf: csrf,
            submissionKey: submissionKey)
    }
}
