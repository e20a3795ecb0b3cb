import Domain
import Fluent
import SQLKit
import Vapor

/// The coordinator's page: requests that wait for a supporter, the rota's gaps and each supporter's load.
/// Never who asked, and never whom a supporter supports.
enum ProgramController {
    struct WaitingRequest {
        let id: UUID
        let status: SupportRequestStatus
        let createdAt: Date
        let escalatedAt: Date?
        let sameProfession: Bool
        let outsideUnit: Bool
        let language: String?
        let passes: Int
    }

    struct AssignForm: Content {
        var version: String?
    }

    /// Requests the coordinators should act on: told to them after passes, or left without a choice for an hour.
    static func query(organizationID: UUID, now: Date, on db: any Database, id: UUID? = nil) async throws -> [WaitingRequest] {
        let rows = try await db.sql().raw("""
            SELECT r.id, r.status, r.created_at, r.escalated_at, r.same_profession, r.outside_unit, r.language,
              (SELECT COUNT(*) FROM \(ident: PeerSupportSchema.passes) p WHERE p.organization_id = r.organization_id AND p.request_id = r.id) AS passes
            FROM \(ident: PeerSupportSchema.requests) r
            WHERE r.organization_id = \(bind: organizationID) \(id.map { "AND r.id = \(bind: $0)" as SQLQueryString } ?? "")
              AND ((r.status = \(bind: SupportRequestStatus.open.rawValue) AND r.created_at < \(bind: now.addingTimeInterval(-ResponseClock.unchosenAfter)))
                OR (r.status IN (\(binds: [SupportRequestStatus.open.rawValue, SupportRequestStatus.offered.rawValue])) AND r.escalated_at IS NOT NULL))
            ORDER BY r.created_at, r.id
            LIMIT 50
            """).all()
        return try rows.map { row in
            WaitingRequest(
                id: try row.decode(column: "id", as: UUID.self), status: try row.decode(column: "status", as: SupportRequestStatus.self),
                createdAt: try row.decode(column: "created_at", as: Date.self), escalatedAt: try row.decode(column: "escalated_at", as: Date?.self),
                sameProfession: try row.decode(column: "same_profession", as: Bool.self), outsideUnit: try row.decode(column: "outside_unit", as: Bool.self),
                language: try row.decode(column: "language", as: String?.self), passes: try row.decode(column: "passes", as: Int.self))
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let assigned = PageQuery(req).notice == .assigned
            ? req.localizer("program.assigned", ["minutes": "\(try await SchemeEditing.responseMinutes(organizationID: user.organizationID, on: req.db))"])
            : nil
        return try await render(req, flash: assigned, tone: .success, status: .ok)
    }

    /// One waiting request, and whether anyone the matching allows can take it now (never who).
    static func showOffer(_ req: Request) async throws -> Response {
        try await renderOffer(req, id: try req.pageID(RouteParameter.requestID), flash: nil, status: .ok)
    }

    static func assign(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.requestID)
        guard AccessPolicy.mayRunPeerSupport(try req.requireUser().actor) else { throw PageError.forbidden }
        guard let version = try req.content.decode(AssignForm.self).version.flatMap({ Int($0) }) else { throw PageError(status: .badRequest, messageKey: "error.bad_form") }
        do {
            _ = try await SupportOffers.assign(id, version: version, in: req.context())
        } catch let failure as SupportOffers.Failure {
            switch failure {
            case .forbidden: throw PageError.forbidden
            case .notFound, .refused, .unknownSupporter: throw PageError.notFound
            case .conflict: return try await renderOffer(req, id: id, flash: req.localizer("program.changed"), status: .conflict)
            case .nobodyAvailable: return try await renderOffer(req, id: id, flash: req.localizer("program.nobody_now"), status: .conflict)
            }
        }
        return req.redirect(to: SiteRoute.program.path(PageQuery(notice: .assigned)))
    }

    private static func renderOffer(_ req: Request, id: UUID, flash: String?, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayRunPeerSupport(user.actor) else { throw PageError.forbidden }
        let now = try req.context().now
        // Only a request that still waits for the coordinators: anything else has moved on, and the list says so.
        guard let waiting = try await query(organizationID: user.organizationID, now: now, on: req.db, id: id).first,
              let request = try await SupportOffers.find(id, organizationID: user.organizationID, on: req.db) else {
            return try await render(req, flash: req.localizer("program.changed"), tone: .attention, status: flash == nil ? .ok : .conflict)
        }
        let someoneCanTakeIt = try await SupportOffers.offerable(request, now: now, on: req.db).contains { $0.candidate.id != request.supporterID }
        try await AuditLog.record(req, .read, "support_request", id: request.id, subject: request.personID)
        let model = OfferRequestPageModel(request: waiting, version: request.version, someoneCanTakeIt: someoneCanTakeIt,
                                          offeredNow: request.status == .offered, now: now, t: req.localizer, csrf: req.csrfToken)
        return Pages.respond(req, title: model.heading, current: .program, flash: flash, flashTone: .attention, status: status,
                             main: OfferRequestPageView(model: model).main)
    }

    private static func render(_ req: Request, flash: String?, tone: PageChrome.Tone, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayRunPeerSupport(user.actor) else { throw PageError.forbidden }
        let now = try req.context().now
        let waiting = try await query(organizationID: user.organizationID, now: now, on: req.db)
        let program = try await SupporterDirectory.load(organizationID: user.organizationID, timeZone: user.timeZone, now: now, on: req.db)
        let gaps = Rota.gaps(in: DateInterval(start: now, duration: 28 * 86400), across: program.teams.map(\.rota))
        let proposals = try await LearningReviews.waitingCounts(organizationID: user.organizationID, now: now, on: req.db)
        try await AuditLog.record(req, .read, "peer_supporter_list", id: nil, subject: nil)
        let model = ProgramPageModel(waiting: waiting, program: program, gaps: gaps, proposals: proposals, now: now, t: req.localizer)
        return Pages.respond(req, title: model.heading, current: .program, flash: flash, flashTone: tone, status: status,
                             main: ProgramPageView(model: model).main)
    }
}
