import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// The person's own check-in pages. Every one of them acts for the signed-in person only: another person's
/// check-in or pathway answers 404, whatever the role.
enum CheckInsController {
    struct AnswerForm: Content {
        var answers: [String: String]?
        var version: String?
        var contactBy: String?
        var _submission: String?
    }

    struct VersionForm: Content {
        var version: String?
        var change: String?
    }

    struct ConsentForm: Content {
        var caseId: String?
        var kind: String?
        var granted: String?
    }

    struct ReferralForm: Content {
        var serviceId: String?
        var share: [String]?
        var personAgrees: Bool?
        var reachBy: String?
        var reachAt: String?
        var _submission: String?
    }

    /// The person's pathways with their owners' names and check-in choices, in one query.
    static func query(personID: UUID, organizationID: UUID, on db: any Database) async throws -> [CheckInsPageModel.PathwayRow] {
        try await db.sql().raw("""
            SELECT c.id, e.occurred_at, c.opened_at, c.status, c.owner_id, o.name AS owner_name, c.attention_at, c.check_ins_paused_until,
              c.check_ins_stopped_at, c.version
            FROM cases c
            LEFT JOIN events e ON e.id = c.event_id AND e.organization_id = c.organization_id
            LEFT JOIN people o ON o.id = c.owner_id AND o.organization_id = c.organization_id
            WHERE c.organization_id = \(bind: organizationID) AND c.person_id = \(bind: personID)
            ORDER BY c.opened_at DESC
            """).all().map { row in
            CheckInsPageModel.PathwayRow(
                id: try row.decode(column: "id", as: UUID.self), eventAt: try row.decode(column: "occurred_at", as: Date?.self),
                openedAt: try row.decode(column: "opened_at", as: Date.self), status: try row.decode(column: "status", as: CaseStatus.self),
                ownerID: try row.decode(column: "owner_id", as: UUID?.self), ownerName: try row.decode(column: "owner_name", as: String?.self),
                attentionAt: try row.decode(column: "attention_at", as: Date?.self),
                plan: CheckInPlan(pausedUntil: try row.decode(column: "check_ins_paused_until", as: Date?.self),
                                  stoppedAt: try row.decode(column: "check_ins_stopped_at", as: Date?.self)),
                version: try row.decode(column: "version", as: Int.self))
        }
    }

    static func overview(_ req: Request) async throws -> Response {
        try await renderOverview(req, flash: PageQuery(req).notice.map { notice in
            switch notice {
            case .skipped: req.localizer("check_in.skipped")
            case .consent: req.localizer("check_ins.consent.saved")
            case .referred: req.localizer("referral.sent")
            case .referredBefore: req.localizer("referral.already")
            default: req.localizer("check_ins.plan_saved")
            }
        }, tone: .success, status: .ok)
    }

    static func renderOverview(_ req: Request, flash: String?, tone: PageChrome.Tone, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        let org = user.organizationID
        let checkIns = try await CheckInAnswers.own(personID: user.personID, organizationID: org, on: req.db)
        let answers = try await CheckInAnswers.answers(of: checkIns.filter { $0.status == .answered }.map(\.id), organizationID: org, on: req.db)
        let pathways = try await query(personID: user.personID, organizationID: org, on: req.db)
        let consents = try await Consents.choices(of: user.personID, organizationID: org, on: req.db)
        let services = try await Referrals.services(organizationID: org, on: req.db)
        let referrals = try await Referrals.made(caseIDs: pathways.map(\.id), organizationID: org, on: req.db)
        try await AuditLog.record(req, .read, "check_in_list", id: nil, subject: user.personID)
        let model = CheckInsPageModel(checkIns: checkIns, answers: answers, pathways: pathways, consents: consents, services: services, referrals: referrals,
                                      instrument: req.application.instruments.instruments[InstrumentLibrary.shippedKey], crisis: user.crisisContacts,
                                      now: req.now, t: req.localizer, csrf: req.csrfToken, submissionKey: Tokens.random())
        return Pages.respond(req, title: model.heading, current: .checkIns, flash: flash, flashTone: tone, status: status,
                             main: CheckInsPageView(model: model).main)
    }

    static func show(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.checkInID)
        let context = try req.context()
        guard let record = try await CheckInAnswers.ownOne(id, in: context) else { throw PageError.notFound }
        try await context.audit(.read, "check_in", id: id, subject: record.personID)
        if record.status != .due { return try await refused(req, .alreadyDone(record), status: .ok) }
        if record.dueAt > context.now { return try await refused(req, .notYetDue(record), status: .ok) }
        return try await form(req, record, given: [:], problem: nil, status: .ok)
    }

    static func answer(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.checkInID)
        let body = try req.content.decode(AnswerForm.self)
        var answers: [String: Int] = [:]
        var unreadable: String?
        for (key, text) in body.answers ?? [:] {
            if let value = Int(text) { answers[key] = value } else { unreadable = unreadable ?? key }
        }
        let context = try req.context()
        guard let record = try await CheckInAnswers.ownOne(id, in: context) else { throw PageError.notFound }
        if let unreadable {
            return try await form(req, record, given: answers, contactBy: body.contactBy, problem: .offScale(item: unreadable, value: 0),
                                  status: .unprocessableEntity)
        }
        // An unknown choice is a form nobody here made; a missing one means a peer supporter.
        let contactBy = try body.contactBy.flatMap { $0.isEmpty ? nil : $0 }.map { text in
            guard let choice = ContactChoice(rawValue: text) else { throw PageError(status: .unprocessableEntity, messageKey: "error.bad_form") }
            return choice
        }
        do {
            let outcome = try await CheckInAnswers.answer(id, answers: answers, seenVersion: body.version.flatMap { Int($0) }, contactBy: contactBy,
                                                          instruments: req.application.instruments, in: context)
            let model = CheckInAnsweredPageModel(redFlag: outcome.crisisHelp, suggestsHelp: outcome.suggestsExternalHelp, contact: outcome.contact,
                                                 caseID: record.caseID, crisis: context.user.crisisContacts, t: req.localizer)
            return Pages.respond(req, title: model.heading, current: .checkIns, main: CheckInAnsweredPageView(model: model).main)
        } catch CheckInAnswers.Failure.invalid(let problem) {
            if case .unknownItem = problem { throw PageError(status: .unprocessableEntity, messageKey: "error.bad_form") }
            return try await form(req, record, given: answers, contactBy: body.contactBy, problem: problem, status: .unprocessableEntity)
        } catch let failure as CheckInAnswers.Failure {
            return try await refused(req, failure)
        }
    }

    static func skip(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.checkInID)
        let body = try? req.content.decode(VersionForm.self)
        do {
            _ = try await CheckInAnswers.skip(id, seenVersion: body?.version.flatMap { Int($0) }, in: req.context())
        } catch let failure as CheckInAnswers.Failure {
            return try await refused(req, failure)
        }
        return req.redirect(to: SiteRoute.checkIns.path(PageQuery(notice: .skipped)))
    }

    static func plan(_ req: Request) async throws -> Response {
        let caseID = try req.pageID(RouteParameter.caseID)
        let body = try? req.content.decode(VersionForm.self)
        let change: CheckInPlans.Change? = switch body?.change {
        case "pause_7": .pause(days: 7)
        case "pause_28": .pause(days: 28)
        case "stop": .stop
        case "restart": .restart
        default: nil
        }
        // The change is decided from the state the page showed; a form without it cannot say which.
        guard let change, let seen = body?.version.flatMap({ Int($0) }) else { throw PageError(status: .badRequest, messageKey: "error.bad_form") }
        do {
            try await CheckInPlans.change(caseID: caseID, change, seenVersion: seen, in: req.context())
        } catch CheckInPlans.Failure.notFound {
            throw PageError.notFound
        } catch CheckInPlans.Failure.changed {
            return try await renderOverview(req, flash: req.localizer("case.changed_meanwhile"), tone: .attention, status: .conflict)
        } catch CheckInPlans.Failure.invalid {
            throw PageError(status: .badRequest, messageKey: "error.bad_form")
        }
        return req.redirect(to: SiteRoute.checkIns.path(PageQuery(notice: .saved), fragment: "pathway-\(caseID.uuidString)"))
    }

    static func consent(_ req: Request) async throws -> Response {
        let body = try? req.content.decode(ConsentForm.self)
        guard let kind = body?.kind.flatMap(ConsentKind.init(rawValue:)), let granted = body?.granted.flatMap(Bool.init) else {
            throw PageError(status: .badRequest, messageKey: "error.bad_form")
        }
        let caseID: UUID?
        switch body?.caseId {
        case nil, "": caseID = nil
        case let text?:
            guard let id = UUID(uuidString: text) else { throw PageError.notFound }
            caseID = id
        }
        do {
            try await Consents.record([.init(kind: kind, caseID: caseID, granted: granted)], in: req.context())
        } catch Consents.Failure.unknownCase {
            throw PageError.notFound
        }
        // Each question is asked on its own page, and the answer returns there.
        if kind == .earlierCasesToOwner, let caseID { return req.redirect(to: SiteRoute.caseDetail(caseID).path(PageQuery(notice: .consent))) }
        return req.redirect(to: SiteRoute.checkIns.path(PageQuery(notice: .consent), fragment: caseID.map { "pathway-\($0.uuidString)" }))
    }

    /// A referral from the person's own page, or from the pathway page by their leader with their agreement.
    static func refer(_ req: Request) async throws -> Response {
        let caseID = try req.pageID(RouteParameter.caseID)
        let body = try? req.content.decode(ReferralForm.self)
        guard let serviceID = body?.serviceId.flatMap(UUID.init(uuidString:)) else { throw PageError(status: .badRequest, messageKey: "error.bad_form") }
        let share = (body?.share ?? []).compactMap(UUID.init(uuidString:))
        guard share.count == (body?.share ?? []).count else { throw PageError(status: .badRequest, messageKey: "error.bad_form") }
        let context = try req.context()
        let isPerson = try await CheckInPlans.plan(caseID: caseID, in: context) != nil
        let back: (PageQuery.Notice) -> String = { notice in
            isPerson ? SiteRoute.checkIns.path(PageQuery(notice: notice), fragment: "pathway-\(caseID.uuidString)")
                : SiteRoute.caseDetail(caseID).path(PageQuery(notice: notice))
        }
        guard case .success(let reach) = Reach.check(by: body?.reachBy, at: body?.reachAt) else {
            return try await renderOverview(req, flash: req.localizer("request.reach_problem"), tone: .attention, status: .unprocessableEntity)
        }
        do {
            _ = try await Referrals.make(caseID: caseID, serviceID: serviceID, share: share, personAgrees: body?.personAgrees == true, reach: reach,
                                         claim: Idempotency.formClaim(.formReferral, key: body?._submission, at: req.url.path),
                                         answer: { _ in Idempotency.Answer(status: 303, location: nil, body: nil) }, in: context)
        } catch let failure as Referrals.Failure {
            switch failure {
            case .notFound, .unknownService, .unknownCheckIn, .alreadyContacted: throw PageError.notFound
            case .forbidden, .onlyPersonShares: throw PageError.forbidden
            case .needsAgreement:
                return try await CaseController.render(req, caseID: caseID, flash: req.localizer("referral.needs_agreement"), tone: .attention,
                                               status: .unprocessableEntity)
            case .alreadyReferred: return req.redirect(to: back(.referredBefore))
            case .invalid: throw PageError(status: .badRequest, messageKey: "error.bad_form")
            }
        }
        return req.redirect(to: back(.referred))
    }

    struct ScheduleForm: Content {
        var offsets: [String]?
        var shown: String?
    }

    /// A coordinator sets when check-ins fall due for pathways opened from now on.
    static func setSchedule(_ req: Request) async throws -> Response {
        let form = try? req.content.decode(ScheduleForm.self)
        do {
            try await CheckInSchedules.set(form?.offsets ?? [], shown: form?.shown, in: req.context())
        } catch let failure as CheckInSchedules.Failure {
            switch failure {
            case .forbidden: throw PageError.forbidden
            case .invalid:
                return try await SchemeController.renderScheme(req, flash: req.localizer("scheme.check_ins_problem"), tone: .attention, status: .unprocessableEntity)
            case .changed:
                return try await SchemeController.renderScheme(req, flash: req.localizer("case.changed_meanwhile"), tone: .attention, status: .conflict)
            }
        }
        return req.redirect(to: SiteRoute.programScheme.path(PageQuery(notice: .saved), fragment: "check-in-schedule"))
    }

    private static func form(_ req: Request, _ record: CheckInRecord, given: [String: Int], contactBy: String? = nil,
                             problem: Instrument.AnswerProblem?, status: HTTPResponseStatus) async throws -> Response {
        guard let instrument = req.application.instruments.instruments[record.instrument] else {
            throw PageError(status: .conflict, messageKey: "check_in.unavailable")
        }
        let choices = instrument.contactItem == nil ? nil : try await ContactWishes.choices(caseID: record.caseID, in: req.context())
        let model = CheckInPageModel(record, instrument: instrument, given: given, problem: problem, contactChoices: choices, contactBy: contactBy,
                                     t: req.localizer, csrf: req.csrfToken, submissionKey: Tokens.random())
        return Pages.respond(req, title: model.heading, current: .checkIns, status: status, main: CheckInPageView(model: model).main)
    }

    private static func refused(_ req: Request, _ failure: CheckInAnswers.Failure, status: HTTPResponseStatus = .conflict) async throws -> Response {
        let t = req.localizer
        let sentence: String = switch failure {
        case .notFound: throw PageError.notFound
        case .notYetDue(let record): t("check_in.not_yet", ["date": t.date(record.dueAt)])
        case .alreadyDone(let record): t(record.status == .skipped ? "check_in.already_skipped" : "check_in.already")
        case .caseClosed: t("check_in.closed")
        case .instrumentMissing: t("check_in.unavailable")
        case .invalid: t("error.bad_form")
        }
        return try await renderOverview(req, flash: sentence, tone: .attention, status: status)
    }
}
