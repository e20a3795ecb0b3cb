import Domain
import Fluent
import Foundation
import SQLKit

/// A request never waits on one supporter for long: when they pass it on, or their time to answer runs out,
/// it goes to the next match by itself. The clock is a job on the queue, so it survives a restart and runs
/// once however many instances there are. After a second pass the coordinators are told it waits.
enum SupportPassOn {
    struct Payload: Codable {
        let requestId: UUID
        /// The version the offer made; any change since (an answer, another pass) makes the job do nothing.
        let version: Int
    }

    static let messageWaiting = "support_waiting"

    /// Plans the check of an offer's answer at its respond-by time, in the caller's transaction.
    static func schedule(requestID: UUID, version: Int, organizationID: UUID, at due: Date, outbox: some Outbox) async throws {
        let payload = String(decoding: try JSONEncoder().encode(Payload(requestId: requestID, version: version)), as: UTF8.self)
        try await JobQueue.enqueue(.supportResponseDue, payload: payload, organizationID: organizationID, dueAt: due, id: outbox.ids(),
                                   now: outbox.now, on: outbox.db)
    }

    /// The job: if the offer it was planned for still waits, the request moves on.
    static func run(_ job: JobQueue.Claimed, context: JobContext) async throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        try await context.db.writeTransaction(gate: context.gate) { db in
            let inside = context.inside(db)
            guard let request = try await SupportOffers.find(payload.requestId, organizationID: job.organizationID, on: db),
                  request.status == .offered, request.version == payload.version
            else { return }
            try await passOn(request, reason: .noAnswer, actor: nil, outbox: inside)
        }
    }

    /// Records the pass and offers the request to the next match, or leaves it open for a coordinator when
    /// there is none. Runs inside the caller's transaction; false when the request changed meanwhile.
    @discardableResult
    static func passOn(_ request: SupportOffers.Request, reason: PassReason, actor: UUID?, outbox: some Outbox) async throws -> Bool {
        guard let supporter = request.supporterID else { return false }
        let sql = try outbox.db.sql()
        try await record(reason, by: supporter, of: request, outbox: outbox)
        let passedBy = try await passes(of: request, on: outbox.db)
        let match = try await MatchingInput.load(for: request, now: outbox.now, on: outbox.db)
        let next = match.suggestions().first.flatMap { best in match.pool.first { $0.candidate.id == best.supporterID } }
        let moved: Bool
        if let next {
            moved = try await SupportOffers.offer(request, to: next, outbox: outbox) == .offered
        } else {
            moved = try await !sql.raw("""
                UPDATE \(ident: PeerSupportSchema.requests)
                SET status = \(bind: SupportRequestStatus.open.rawValue), supporter_id = NULL, offered_at = NULL, respond_by = NULL,
                    version = version + 1
                WHERE organization_id = \(bind: request.organizationID) AND id = \(bind: request.id) AND version = \(bind: request.version)
                RETURNING id
                """).all().isEmpty
        }
        guard moved else { return false }
        if passedBy.count >= PassReason.alertCoordinatorsAfter || next == nil {
            try await alertCoordinators(request, outbox: outbox)
        }
        try await outbox.audit(by: actor, .update, "support_request", id: request.id, subject: request.personID, organizationID: request.organizationID)
        return true
    }

    /// Once per request: the coordinators learn that a request waits, never who asked.
    static func alertCoordinators(_ request: SupportOffers.Request, outbox: some Outbox) async throws {
        let sql = try outbox.db.sql()
        let marked = try await sql.raw("""
            UPDATE \(ident: PeerSupportSchema.requests) SET escalated_at = \(bind: outbox.now)
            WHERE organization_id = \(bind: request.organizationID) AND id = \(bind: request.id) AND escalated_at IS NULL
            RETURNING id
            """).all()
        guard !marked.isEmpty else { return }
        let coordinators = try await Coordinators.of(request.organizationID, on: outbox.db)
        try await Messages.store(coordinators.map { coordinator in
            Messages.Outgoing(kind: messageWaiting, urgency: .urgent, recipient: coordinator, organizationID: request.organizationID,
                              link: SiteRoute.program.path, key: "\(messageWaiting):\(request.id):\(coordinator)")
        }, context: outbox)
    }

    /// That `supporter` let the request go, and why: it is never offered to them again.
    static func record(_ reason: PassReason, by supporter: UUID, of request: SupportOffers.Request, outbox: some Outbox) async throws {
        try await outbox.db.sql().insert(into: PeerSupportSchema.passes)
            .columns("id", "organization_id", "request_id", "supporter_id", "reason", "passed_at")
            .values(SQLBind(outbox.ids()), SQLBind(request.organizationID), SQLBind(request.id), SQLBind(supporter), SQLBind(reason.rawValue),
                    SQLBind(outbox.now))
            .run()
    }

    static func passes(of request: SupportOffers.Request, on db: any Database) async throws -> [UUID] {
        try await db.sql().raw("""
            SELECT supporter_id FROM \(ident: PeerSupportSchema.passes)
            WHERE organization_id = \(bind: request.organizationID) AND request_id = \(bind: request.id)
            """).all().map { try $0.decode(column: "supporter_id", as: UUID.self) }
    }

    /// The person who asked, as matching needs them, read for a job that has no signed-in user.
    static func asking(_ request: SupportOffers.Request, on db: any Database) async throws -> MatchingInput.Asking {
        try await asking(personID: request.personID, organizationID: request.organizationID, on: db)
    }

    static func asking(personID: UUID, organizationID: UUID, on db: any Database) async throws -> MatchingInput.Asking {
        let units = try await PersonUnit.query(on: db).filter(\.$organizationID == organizationID).filter(\.$personID == personID).all()
        let zone = try await Organization.find(organizationID, on: db)?.zone ?? .defaultForOrganizations
        return MatchingInput.Asking(personID: personID, organizationID: organizationID, units: Set(units.map(\.unitID)), timeZone: zone)
    }
}
