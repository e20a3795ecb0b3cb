import Domain
import Foundation

/// One request for peer support, as the person who asked sees it, or as their supporter does.
struct SupportRequestPageModel {
    struct Choice {
        let supporterID: String
        let name: String
        let reasons: [String]
        let button: String
    }

    /// The supporter's two answers to an offer.
    struct Answer {
        let accept: String
        let pass: String
        let passHint: String
        let version: String
    }

    /// The supporter's form for logging a contact: when, how, how long, the next one. No field for what was said.
    struct LogForm {
        let heading: String
        let privacy: String
        let dateLabel: String
        let dateValue: String
        let channelLabel: String
        let channels: [(value: String, label: String)]
        let durationLabel: String
        let nextLabel: String
        let submit: String
        /// After a refusal, what was typed, so nothing is typed twice.
        var channel: String? = nil
        var minutes = ""
        var next = ""
        let submissionKey: String
    }

    /// The supporter proposes that a colleague take over.
    struct HandoverForm {
        let heading: String
        let hint: String
        let label: String
        let colleagues: [(id: String, name: String)]
        let submit: String
    }

    /// The person decides about a proposed hand-over.
    struct HandoverQuestion {
        let question: String
        let yes: String
        let no: String
    }

    let heading: String
    /// What happens now, in a sentence or two.
    let status: String
    let details: [String]
    /// The person chooses: suggestions, each a one-tap form, and "anyone".
    let choices: [Choice]
    let chooseHeading: String?
    let anyone: String?
    let nobody: String?
    /// "Not now, thank you" while choosing, "I would like a colleague after all" once declined.
    let decline: String?
    let reopen: String?
    let version: String
    let answer: Answer?
    let handoverForm: HandoverForm?
    let handoverPending: String?
    let handoverQuestion: HandoverQuestion?
    let contactsHeading: String?
    let contacts: [String]
    let logForm: LogForm?
    let pathway: (label: String, route: SiteRoute)?
    let requestID: UUID
    let csrf: String
}

extension SupportRequestPageModel {
    init(_ request: SupportOffers.Request, viewer: UUID, suggestions: [SupportRequests.Suggestion], contacts: [SupportContacts.Entry] = [],
         colleagues: [SupportRequests.Suggestion] = [], crisis: CrisisContacts, sentContact: SupportRequestController.ContactForm? = nil,
         now: Date, t: Localizer, csrf: String, submissionKey: String = Tokens.random()) {
        let isPerson = viewer == request.personID
        let supporter = request.supporterName ?? ""
        let status: String = switch (request.status, isPerson) {
        case (.open, true) where request.escalatedAt != nil: t("support_request.escalated")
        case (.open, true): suggestions.isEmpty ? t("support_request.open_nobody") : t("support_request.open")
        case (.offered, true): t("support_request.offered", ["name": supporter, "time": request.respondBy.map(t.dateTime) ?? ""])
        case (.accepted, true): t("support_request.accepted", ["name": supporter])
        case (.offered, false): t("support_request.offered_to_you", ["time": request.respondBy.map(t.dateTime) ?? ""])
        case (.accepted, false): request.acceptedAt.map { t("support_request.taken_on", ["date": t.date($0)]) } ?? t("support_request.taken_on_undated")
        case (.declined, true): t("support_request.declined")
        case (.closed, _), (.open, false), (.declined, false): t("support_request.closed")
        }
        var details: [String] = []
        if !isPerson { details.append(t("support_request.from", ["name": request.personName])) }
        // Of the event, only its kind and date: never its summary, reference or the others involved.
        details.append(both(request.eventKind, request.eventAt).map {
            isPerson ? t("case.after_event", ["date": t.date($0.1)]) : t("support_request.after_event", ["kind": t.kind($0.0), "date": t.date($0.1)])
        }
            ?? t("support_request.no_event"))
        // How the person would like to be reached: read by them and their supporter, the page's only viewers.
        if let reach = request.reach {
            let by = t("reach.\(reach.by.rawValue)")
            details.append(isPerson ? t("support_request.reach_own", ["by": by, "at": reach.at])
                           : t("support_request.reach", ["name": request.personName, "by": by, "at": reach.at]))
        }
        var wishes: [String] = []
        if request.sameProfession { wishes.append(t("support_request.wish.same_profession")) }
        if request.outsideUnit { wishes.append(t("support_request.wish.outside_unit")) }
        if let language = request.language { wishes.append(t("support_request.wish.language", ["language": t.languageName(language)])) }
        if !wishes.isEmpty {
            details.append(t(isPerson ? "support_request.wishes.own" : "support_request.wishes", ["wishes": wishes.joined(separator: ", ")]))
        }
        let choosing = isPerson && request.status == .open
        self.init(
            heading: isPerson ? t("support_request.heading.own") : t("support_request.heading.supporter"),
            status: status, details: details,
            choices: choosing ? suggestions.map { suggestion in
                Choice(supporterID: suggestion.supporterID.uuidString, name: suggestion.name,
                       reasons: suggestion.reasons.map { t("match_reason.\($0.rawValue)") },
                       button: t("support_request.choose", ["name": suggestion.name]))
            } : [],
            chooseHeading: choosing && !suggestions.isEmpty ? t("support_request.choose_heading") : nil,
            anyone: choosing && !suggestions.isEmpty ? t("support_request.anyone") : nil,
            nobody: choosing && suggestions.isEmpty ? t("support_request.nobody_hint", ["emergency": crisis.emergency, "out_of_hours": crisis.outOfHours]) : nil,
            decline: choosing ? t("support_request.decline") : nil,
            reopen: isPerson && request.status == .declined ? t("support_request.reopen") : nil,
            version: "\(request.version)",
            answer: !isPerson && request.status == .offered
                ? Answer(accept: t("support_request.accept"), pass: t("support_request.pass"), passHint: t("support_request.pass_hint"),
                         version: "\(request.version)")
                : nil,
            handoverForm: !isPerson && request.status == .accepted && request.handoverTo == nil && !colleagues.isEmpty
                ? HandoverForm(heading: t("handover.heading"), hint: t("handover.hint"), label: t("handover.label"),
                               colleagues: colleagues.map { ($0.supporterID.uuidString, $0.name) }, submit: t("handover.submit"))
                : nil,
            handoverPending: !isPerson ? request.handoverName.map { t("handover.pending", ["name": $0, "person": request.personName]) } : nil,
            handoverQuestion: isPerson && request.status == .accepted
                ? request.handoverName.map {
                    HandoverQuestion(question: t("handover.question", ["supporter": supporter, "name": $0]), yes: t("handover.yes"),
                                     no: t("handover.no", ["supporter": supporter]))
                } : nil,
            // A heading over nothing helps nobody: shown once there is a contact, or to the supporter who logs them.
            contactsHeading: request.status == .accepted && (!contacts.isEmpty || !isPerson) ? t("contact.heading") : nil,
            contacts: contacts.map { entry in
                let line = t("contact.entry", ["date": t.dateTime(entry.on), "channel": t("contact.channel.\(entry.channel.rawValue)"),
                                              "minutes": "\(entry.durationMinutes)"])
                return entry.nextContactAt.map { line + " · " + t("contact.next_agreed", ["date": t.dateTime($0)]) } ?? line
            },
            logForm: !isPerson && request.status == .accepted ? LogForm(
                heading: t("contact.log_heading"), privacy: t("contact.privacy"), dateLabel: t("contact.date"),
                dateValue: sentContact?.date ?? LocalDateTime.format(now, timeZone: t.timeZone), channelLabel: t("contact.channel"),
                channels: ContactChannel.allCases.map { ($0.rawValue, t("contact.channel.\($0.rawValue)")) },
                durationLabel: t("contact.duration"), nextLabel: t("contact.next"), submit: t("contact.submit"),
                channel: sentContact?.channel, minutes: sentContact?.durationMinutes ?? "", next: sentContact?.nextContactAt ?? "",
                submissionKey: sentContact?._submission ?? submissionKey) : nil,
            pathway: isPerson ? (t("support_request.pathway"), .caseDetail(request.caseID)) : nil,
            requestID: request.id, csrf: csrf)
    }
}
