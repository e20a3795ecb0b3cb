import Domain
import Foundation

/// The peer-support programme at a glance, for its coordinators.
struct ProgramPageModel {
    struct Waiting {
        let title: String
        let details: [String]
        let offerRoute: SiteRoute
    }

    struct SupporterRow {
        let name: String
        let load: String
        let notes: [String]
        let route: SiteRoute
    }

    let heading: String
    let waitingHeading: String
    let waitingEmpty: String
    let waiting: [Waiting]
    /// Leads to the supporters the matching allows for that request: none of them can be refused for a reason
    /// that would tell who asked.
    let offerLink: String
    let gapsHeading: String
    let gapsIntro: String
    let gapsEmpty: String
    let gaps: [String]
    let supportersHeading: String
    let supporters: [SupporterRow]
    let schemeLink: String
    /// Improvement proposals from learning reviews still waiting for an answer: counts only.
    let proposalsHeading: String
    let proposals: String
}

extension ProgramPageModel {
    /// How long a request has waited and what it wishes for: all a coordinator is told of it.
    static func summary(of request: ProgramController.WaitingRequest, now: Date, t: Localizer) -> (title: String, details: [String]) {
        var details: [String] = []
        if request.passes > 0 { details.append(t.plural("program.passes", request.passes)) }
        var wishes: [String] = []
        if request.sameProfession { wishes.append(t("support_request.wish.same_profession")) }
        if request.outsideUnit { wishes.append(t("support_request.wish.outside_unit")) }
        if let language = request.language { wishes.append(t("support_request.wish.language", ["language": t.languageName(language)])) }
        details.append(wishes.isEmpty ? t("program.no_wishes") : t("support_request.wishes", ["wishes": wishes.joined(separator: ", ")]))
        let minutes = max(0, Int(now.timeIntervalSince(request.createdAt) / 60))
        let waited = minutes < 120 ? t.plural("program.waited_minutes", minutes)
            : minutes < 48 * 60 ? t.plural("program.waited_hours", minutes / 60)
            : t.plural("program.waited_days", minutes / (24 * 60))
        return (t("program.waiting_since", ["time": t.dateTime(request.createdAt), "waited": waited]), details)
    }

    init(waiting: [ProgramController.WaitingRequest], program: SupporterDirectory.Program, gaps: [DateInterval], proposals: (waiting: Int, overdue: Int),
         now: Date, t: Localizer) {
        func load(_ candidate: SupporterCandidate) -> String { t.plural("program.load", candidate.cap, ["load": "\(candidate.activeRequests)"]) }
        self.init(
            heading: t("program.heading"),
            waitingHeading: t("program.waiting"),
            waitingEmpty: t("program.waiting_empty"),
            waiting: waiting.map { request in
                let summary = Self.summary(of: request, now: now, t: t)
                return Waiting(title: summary.title, details: summary.details, offerRoute: .assignSupporter(request.id))
            },
            offerLink: t("program.offer_link"),
            gapsHeading: t("program.gaps"),
            gapsIntro: t("program.gaps_intro"),
            gapsEmpty: t("program.gaps_empty"),
            gaps: gaps.map { t("program.gap", ["from": t.dateTime($0.start), "to": t.dateTime($0.end)]) },
            supportersHeading: t("program.supporters"),
            supporters: program.supporters.map { supporter in
                var notes: [String] = []
                if supporter.candidate.onCallNow { notes.append(t("match_reason.on_call_now")) }
                if supporter.candidate.isOnLeave(at: now) { notes.append(t("program.on_leave")) }
                if supporter.candidate.activeRequests >= supporter.candidate.cap { notes.append(t("program.at_cap")) }
                if let due = supporter.nextSupervisionAt, due < now { notes.append(t("program.supervision_overdue", ["date": t.date(due)])) }
                return SupporterRow(name: supporter.name, load: load(supporter.candidate), notes: notes, route: .supporterProfile(supporter.candidate.id))
            },
            schemeLink: t("program.scheme_link"),
            proposalsHeading: t("program.proposals"),
            proposals: proposals.waiting == 0 ? t("reviews.none_waiting")
                : t.plural("reviews.waiting_summary", proposals.waiting, ["overdue": "\(proposals.overdue)"]))
    }
}
