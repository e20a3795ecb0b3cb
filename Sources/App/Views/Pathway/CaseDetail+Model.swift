import Domain
import Foundation

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
    /// A leader asking for a peer supporter on the person's behalf, once they agreed.
    let onBehalfForm: (route: SiteRoute, heading: String, hint: String, agreeLabel: String, submit: String)?
    let closeForm: (caseRoute: SiteRoute, agreeLabel: String, submit: String)?
    let reopenForm: (route: SiteRoute, submit: String, hint: String)?
    /// The case's version as shown, sent back with a close or a reopen.
    let caseVersion: Int
    let csrf: String
    /// The owner's "needs attention" signal: shown only with the person's consent, and never with an answer.
    var attention: String? = nil
    var referral: ReferralForm? = nil
    /// The person's way to their check-ins for this pathway.
    var checkInsLink: (label: String, href: String)? = nil
    /// The person's earlier pathways: always for the person, for the owner only with consent.
    var earlier: (heading: String, items: [(label: String, route: SiteRoute)])? = nil
    /// The person's answer about showing them to the owner, and the button that changes it.
    var earlierConsent: (text: String, grant: Bool, button: String, caseID: String)? = nil

    struct ReferralForm {
        let route: SiteRoute
        let heading: String
        let serviceLabel: String
        let services: [FormField.Option]
        let agreeLabel: String
        let submit: String
        let submissionKey: String
    }
}

extension CaseDetailPageModel {
    /// The case as the user may see it: only the moves they may make, in their words.
    /// `nobodyTonight`: the person said in the defusing conversation that they had nobody to be with that night,
    /// which is why the leader's call is planned for the next morning.
    init(_ loaded: CaseService.Loaded, event: Event?, defusingReasons: [String], recorded: [FollowUps.Recorded] = [], nobodyTonight: Bool = false,
         user: CurrentUser, now: Date, submissionKey: String = Tokens.random(),
         t: Localizer, csrf: String) {
        let isPerson = loaded.record.personID == user.personID
        let caseID = loaded.record.id ?? .routePlaceholder
        let closed = loaded.record.status == .closed
        let steps = loaded.steps.map(\.step)
        let recordsAllowed = !closed && !isPerson && AccessPolicy.decide(user.actor, .manageSteps, loaded.subject) == .allowed
        let nowValue = LocalDateTime.format(now, timeZone: user.timeZone)
        func recordForm(_ key: StepKey) -> StepCardModel.RecordForm? {
            guard recordsAllowed || (key == .reporting && isPerson) else { return nil }
            switch key {
            case .leaderSupport:
                return .init(route: .recordLeaderContact(caseID), heading: t("follow_up.contact.heading"), dateLabel: t("follow_up.contact.date"), dateValue: nowValue,
                             channelLabel: t("follow_up.contact.channel"),
                             channels: ContactChannel.allCases.map { FormField.Option(value: $0.rawValue, label: t("contact.channel.\($0.rawValue)")) },
                             topicsLegend: nil, topics: [], nextLabel: nil, kindLabel: nil, kinds: [], startLabel: nil, reviewLabel: nil,
                             submit: t("follow_up.contact.submit"), submissionKey: submissionKey)
            case .followUpMeetings:
                return .init(route: .recordMeeting(caseID), heading: t("follow_up.meeting.heading"), dateLabel: t("follow_up.meeting.date"), dateValue: nowValue,
                             channelLabel: nil, channels: [], topicsLegend: t("follow_up.meeting.topics"),
                             topics: MeetingTopic.allCases.map { ($0.rawValue, t("follow_up.topic.\($0.rawValue)")) }, nextLabel: t("follow_up.meeting.next"),
                             kindLabel: nil, kinds: [], startLabel: nil, reviewLabel: nil, submit: t("follow_up.meeting.submit"), submissionKey: submissionKey)
            case .adjustments:
                return .init(route: .recordAdjustment(caseID), heading: t("follow_up.adjustment.heading"), dateLabel: nil, dateValue: "", channelLabel: nil,
                             channels: [], topicsLegend: nil, topics: [], nextLabel: nil, kindLabel: t("follow_up.adjustment.kind"),
                             kinds: AdjustmentKind.allCases.map { FormField.Option(value: $0.rawValue, label: t("follow_up.kind.\($0.rawValue)")) },
                             startLabel: t("follow_up.adjustment.start"), reviewLabel: t("follow_up.adjustment.review"), submit: t("follow_up.adjustment.submit"),
                             submissionKey: submissionKey)
            case .reporting where isPerson && !closed && event != nil && loaded.record.ownerID != nil
                && loaded.steps.first(where: { $0.key == .reporting })?.status.isOpen == true:
                return .init(route: .reportingHelp(caseID), heading: t("reporting.help_heading"), dateLabel: nil, dateValue: "", channelLabel: nil, channels: [],
                             topicsLegend: nil, topics: [], nextLabel: nil, kindLabel: nil, kinds: [], startLabel: nil, reviewLabel: nil,
                             submit: t("reporting.help_submit"))
            default:
                return nil
            }
        }
        let cards: [StepCardModel] = loaded.steps.map { record in
            let step = record.step
            let actions: [StepCardModel.Action] = closed ? [] : StepStatus.allCases.filter { next in
                step.status.canMove(to: next) && AccessPolicy.mayMoveStep(user.actor, loaded.subject, to: next) == .allowed
            }.map { next in
                StepCardModel.Action(label: t.action(next, from: step.status, forPerson: isPerson), status: next.rawValue,
                                     isPrimary: next == .done || next == .accepted)
            }
            return StepCardModel(
                key: step.key.rawValue,
                title: t.stepTitle(step.key, forPerson: isPerson),
                description: t.stepDescription(step.key, forPerson: isPerson),
                statusLabel: t.status(step.status, forPerson: isPerson),
                statusClass: "status-\(step.status.rawValue)",
                dueText: step.status.isOpen ? step.dueAt.map { t.due($0, forPerson: isPerson) } : nil,
                // Leaders need the warning; the person themself is never pressed about an offer they have not answered.
                overdueLabel: !isPerson && step.isOverdue(now: now) ? t("step.overdue") : nil,
                // The rule that made a defusing conversation likely is the leader's business, not the person's.
                recommendation: !isPerson && step.recommended && step.key == .defusing
                    ? t.defusingRecommendation(defusingReasons)
                    // Suggested by the person's own check-ins: said to them, never to anyone else.
                    : isPerson && loaded.record.attentionAt != nil && step.key == .externalHelp && step.status.isOpen
                        ? t("step.external_help.suggested")
                    // The morning call says why it was planned.
                    : !isPerson && nobodyTonight && step.key == .leaderSupport && step.status.isOpen
                        ? t("step.leader_support.nobody_tonight", ["name": loaded.person.name]) : nil,
                doneText: step.doneAt.map { t(isPerson ? "step.took_place" : "step.done_at", ["time": t.dateTime($0)]) },
                actions: actions,
                actionRoute: .caseStep(caseID, step.key),
                version: record.version,
                record: recordForm(step.key),
                undo: closed ? nil : StepUndo.undoableUntil(step, previous: record.undoStatus, by: user.personID).flatMap { until in
                    until > now ? (t("case.undo", ["time": t.time(until)]), SiteRoute.undoStep(caseID, step.key)) : nil
                },
                recorded: recorded.filter { $0.key == step.key }.map { entry in
                    switch entry.key {
                    case .leaderSupport:
                        t("follow_up.recorded.contact", ["date": t.dateTime(entry.at), "channel": t("contact.channel.\(entry.detail)")])
                    case .followUpMeetings:
                        t.plural("follow_up.recorded.meeting", Int(entry.detail) ?? 0, ["date": t.dateTime(entry.at)])
                            + (entry.until.map { " " + t("follow_up.recorded.next", ["date": t.dateTime($0)]) } ?? "")
                    default:
                        t("follow_up.recorded.adjustment", ["kind": t("follow_up.kind.\(entry.detail)"), "start": t.date(entry.at),
                                                            "review": entry.until.map(t.date) ?? "—"])
                    }
                })
        }
        let phases = Phase.allCases.map { phase in
            PhaseSection(title: t("phase.\(phase.rawValue)"), steps: zip(steps, cards).filter { $0.0.phase == phase }.map(\.1))
        }.filter { !$0.steps.isEmpty }
        let subtitle = isPerson
            ? event.map { t("case.after_event", ["date": t.date($0.occurredAt)]) } ?? t("case.own_request", ["date": t.date(loaded.record.openedAt)])
            : event.map { t("case.from_event", ["kind": t.kind($0.kind), "date": t.dateTime($0.occurredAt)]) }
                ?? t("case.self_referral", ["date": t.dateTime(loaded.record.openedAt)])
        let mayClose = AccessPolicy.decide(user.actor, .close, loaded.subject) == .allowed
        let mayReopen = AccessPolicy.decide(user.actor, .reopen, loaded.subject) == .allowed
        self.init(
            heading: isPerson ? t("case.heading.own") : t("case.heading", ["name": loaded.person.name]),
            subtitle: subtitle,
            statusLabel: t("case.status.\(loaded.record.status.rawValue)"),
            eventLink: event.flatMap { event in
                AccessPolicy.mayViewEvent(user.actor, EventSubject(organizationID: event.organizationID, unitID: event.unitID)) == .allowed
                    ? (t("case.open_event"), SiteRoute.event(event.id ?? .routePlaceholder)) : nil
            },
            phases: phases,
            onBehalfForm: !closed && !isPerson && AccessPolicy.decide(user.actor, .manageSteps, loaded.subject) == .allowed
                ? (SiteRoute.supportOnBehalf(caseID), t("case.on_behalf.heading"), t("case.on_behalf.hint"), t("case.on_behalf.agree"),
                   t("case.on_behalf.submit"))
                : nil,
            closeForm: !closed && mayClose ? (SiteRoute.closeCase(caseID), t("case.close.agree"), t("case.close.submit")) : nil,
            reopenForm: closed && mayReopen ? (SiteRoute.reopenCase(caseID), t("case.reopen.submit"), t("case.reopen.hint")) : nil,
            caseVersion: loaded.record.version,
            csrf: csrf)
    }
}

extension CaseDetailPageModel {
    /// The person's earlier pathways; for the person, also their answer about showing them to the owner.
    mutating func showEarlier(_ pathways: [CaseController.EarlierPathway], isPerson: Bool, caseID: UUID,
                              ownerConsent: (ownerName: String, given: Bool)?, t: Localizer) {
        earlier = (t(isPerson ? "case.earlier.heading_person" : "case.earlier.heading"), pathways.map { row in
            (row.eventAt.map { t("case.after_event", ["date": t.date($0)]) } ?? t("case.own_request", ["date": t.date(row.openedAt)]),
             SiteRoute.caseDetail(row.id))
        })
        guard let ownerConsent else { return }
        let args = ["owner": ownerConsent.ownerName]
        earlierConsent = ownerConsent.given
            ? (t("case.earlier.consent_given", args), false, t("check_ins.consent.change_to_no"), caseID.uuidString)
            : (t("case.earlier.consent_question", args), true, t("case.earlier.consent_yes", args), caseID.uuidString)
    }
}
