import Domain
import Fluent
import Foundation
import SQLKit

/// A request for peer support after it was made: the person chooses a supporter (or anyone), the supporter is
/// told at once and takes it on. Each change is conditional on the state it was decided from.
enum SupportOffers {
    /// A request as its person and its supporter see it. Of an event, only its kind and date.
    struct Request: Sendable {
        let id: UUID
        let organizationID: UUID
        let caseID: UUID
        let personID: UUID
        let status: SupportRequestStatus
        let sameProfession: Bool
        let outsideUnit: Bool
        let language: String?
        let supporterID: UUID?
        let supporterPersonID: UUID?
        let supporterName: String?
        let personName: String
        let createdAt: Date
        let offeredAt: Date?
        let respondBy: Date?
        let acceptedAt: Date?
        /// When the coordinators were told that it waits.
        let escalatedAt: Date?
        /// The colleague the supporter proposes to take over, until the person says yes or no.
        let handoverTo: UUID?
        let handoverName: String?
        let version: Int
        let eventKind: EventKind?
        let eventAt: Date?
        /// How the person would like to be reached: shown to them and to their chosen supporter, nobody else.
        let reach: Reach?

        var subject: SupportRequestSubject {
            SupportRequestSubject(organizationID: organizationID, personID: personID, supporterPersonID: supporterPersonID)
        }

        var wishes: SupportRequests.Wishes {
            SupportRequests.Wishes(sameProfession: sameProfession, outsideUnit: outsideUnit, language: language, reach: reach)
        }
    }

    enum Failure: Error {
        case notFound
        case forbidden
        /// It changed since it was shown: the fresh state.
        case conflict(Request)
        /// The chosen supporter breaks a hard rule.
        case refused(MatchRule)
        case unknownSupporter
        case nobodyAvailable
    }

    static let messageOffer = "support_offer"
    static let messageAccepted = "support_accepted"

    /// The request with its supporter's name and its event's kind and date, in one query; nil in another
    /// organization or when there is none.
    static func find(_ id: UUID, organizationID: UUID, on db: any Database) async throws -> Request? {
        try await rows(on: db, where: "r.organization_id = \(bind: organizationID) AND r.id = \(bind: id)").first
    }

    /// The newest request of a pathway.
    static func latest(caseID: UUID, organizationID: UUID, on db: any Database) async throws -> Request? {
        try await rows(on: db, where: "r.organization_id = \(bind: organizationID) AND r.case_id = \(bind: caseID)").first
    }

    /// The caller's own requests and those offered to or taken on by them as a supporter, newest first.
    static func mine(personID: UUID, organizationID: UUID, on db: any Database) async throws -> [Request] {
        try await rows(on: db, where: """
            r.organization_id = \(bind: organizationID) AND (r.person_id = \(bind: personID) OR sp.person_id = \(bind: personID))
            """, limit: 100)
    }

    private static func rows(on db: any Database, where condition: SQLQueryString, limit: Int = 1) async throws -> [Request] {
        let rows = try await db.sql().raw("""
            SELECT r.id, r.organization_id, r.case_id, r.person_id, r.status, r.same_profession, r.outside_unit, r.language, r.supporter_id,
              r.created_at, r.offered_at, r.respond_by, r.accepted_at, r.escalated_at, r.handover_to, handover.name AS handover_name, r.version, sp.person_id AS supporter_person_id,
              sup.name AS supporter_name, asker.name AS person_name, e.kind AS event_kind, e.occurred_at AS event_at, r.reach_by, r.reach_at
            FROM \(ident: PeerSupportSchema.requests) r
            JOIN cases c ON c.id = r.case_id AND c.organization_id = r.organization_id
            JOIN people asker ON asker.id = r.person_id AND asker.organization_id = r.organization_id
            LEFT JOIN events e ON e.id = c.event_id AND e.organization_id = c.organization_id
            LEFT JOIN \(ident: PeerSupportSchema.profiles) sp ON sp.id = r.supporter_id AND sp.organization_id = r.organization_id
            LEFT JOIN people sup ON sup.id = sp.person_id AND sup.organization_id = sp.organization_id
            LEFT JOIN \(ident: PeerSupportSchema.profiles) hp ON hp.id = r.handover_to AND hp.organization_id = r.organization_id
            LEFT JOIN people handover ON handover.id = hp.person_id AND handover.organization_id = hp.organization_id
            WHERE \(condition)
            ORDER BY r.created_at DESC, r.id
            LIMIT \(literal: limit)
            """).all()
        return try rows.map { row in
            Request(
                id: try row.decode(column: "id", as: UUID.self), organizationID: try row.decode(column: "organization_id", as: UUID.self),
                caseID: try row.decode(column: "case_id", as: UUID.self), personID: try row.decode(column: "person_id", as: UUID.self),
                status: try row.decode(column: "status", as: SupportRequestStatus.self),
                sameProfession: try row.decode(column: "same_profession", as: Bool.self), outsideUnit: try row.decode(column: "outside_unit", as: Bool.self),
                language: try row.decode(column: "language", as: String?.self), supporterID: try row.decode(column: "supporter_id", as: UUID?.self),
                supporterPersonID: try row.decode(column: "supporter_person_id", as: UUID?.self),
                supporterName: try row.decode(column: "supporter_name", as: String?.self),
                personName: try row.decode(column: "person_name", as: String.self), createdAt: try row.decode(column: "created_at", as: Date.self),
                offeredAt: try row.decode(column: "offered_at", as: Date?.self), respondBy: try row.decode(column: "respond_by", as: Date?.self),
                acceptedAt: try row.decode(column: "accepted_at", as: Date?.self),
                escalatedAt: try row.decode(column: "escalated_at", as: Date?.self),
                handoverTo: try row.decode(column: "handover_to", as: UUID?.self), handoverName: try row.decode(column: "handover_name", as: String?.self),
                version: try row.decode(column: "version", as: Int.self),
                eventKind: try row.decode(column: "event_kind", as: String?.self).flatMap(EventKind.init(rawValue:)),
                eventAt: try row.decode(column: "event_at", as: Date?.self),
                reach: try row.decode(column: "reach_by", as: String?.self).flatMap(ReachBy.init(rawValue:)).flatMap { by in
                    try row.decode(column: "reach_at", as: String?.self).map { Reach(by: by, at: $0) }
                })
        }
    }

    /// The request if the signed-in person may do `action` with it; its read is audited.
    static func authorized(_ id: UUID, _ action: SupportRequestAction, in context: ServiceContext) async throws -> Request {
        guard let request = try await find(id, organizationID: context.user.organizationID, on: context.db) else { throw Failure.notFound }
        switch AccessPolicy.decide(context.user.actor, action, request.subject) {
        case .allowed: break
        case .notFound: throw Failure.notFound
        case .forbidden: throw Failure.forbidden
        }
        if action == .view { try await context.audit(.read, "support_request", id: request.id, subject: request.personID) }
        return request
    }

    /// Offers the request to the chosen supporter, or to the best match for "anyone", and tells them at once.
    static func choose(_ id: UUID, supporterID: UUID?, version: Int?, in context: ServiceContext) async throws -> Request {
        let request = try await authorized(id, .choose, in: context)
        guard request.status == .open, version == nil || version == request.version else { throw Failure.conflict(request) }
        let leader = try await Leaders.nearest(to: request.personID, units: context.user.ownUnits, organizationID: request.organizationID, on: context.db)
        let passedBy = try await SupportPassOn.passes(of: request, on: context.db)
        let match = try await MatchingInput.load(request.wishes, for: MatchingInput.Asking(context.user), leader: leader, passedBy: Set(passedBy),
                                                 caseID: request.caseID, now: context.now, on: context.db)
        let chosen: SupporterDirectory.Supporter
        if let supporterID {
            guard let supporter = match.pool.first(where: { $0.candidate.id == supporterID }) else { throw Failure.unknownSupporter }
            if let rule = Matching.refusal(supporter.candidate, for: match.seeker, wishes: match.wishes, now: context.now) {
                throw Failure.refused(rule)
            }
            chosen = supporter
        } else {
            guard let best = match.suggestions().first, let supporter = match.pool.first(where: { $0.candidate.id == best.supporterID }) else {
                throw Failure.nobodyAvailable
            }
            chosen = supporter
        }
        try await context.transaction { tx in
            switch try await offer(request, to: chosen, outbox: tx) {
            case .offered: break
            case .requestChanged: throw Failure.conflict(request)
            case .supporterFull: throw Failure.refused(.overCap)
            case .supporterFacilitates: throw Failure.refused(.reviewFacilitator)
            }
            try await PeerSupportStep.follow(caseID: request.caseID, organizationID: request.organizationID, subject: request.personID,
                                             to: .accepted, by: tx.user.personID, outbox: tx)
            try await Messages.settle([SupportInvitations.message], recipient: request.personID, organizationID: request.organizationID,
                                      caseID: request.caseID, context: tx)
            try await tx.audit(.update, "support_request", id: request.id, subject: request.personID)
        }
        return try await fresh(request, on: context)
    }

    /// The person says not now. Nothing is asked; they can take it back on the same page at any time.
    static func decline(_ id: UUID, version: Int?, in context: ServiceContext) async throws -> Request {
        try await personsChoice(id, version: version, from: .open, to: .declined, step: .declined, in: context)
    }

    /// The person would like a colleague after all: the request is open again, with suggestions.
    static func reopen(_ id: UUID, version: Int?, in context: ServiceContext) async throws -> Request {
        try await personsChoice(id, version: version, from: .declined, to: .open, step: .offered, in: context)
    }

    private static func personsChoice(_ id: UUID, version: Int?, from: SupportRequestStatus, to: SupportRequestStatus, step: StepStatus,
                                      in context: ServiceContext) async throws -> Request {
        let request = try await authorized(id, .choose, in: context)
        guard request.status == from, version == nil || version == request.version else { throw Failure.conflict(request) }
        try await context.transaction { tx in
            let updated = try await tx.db.sql().raw("""
                UPDATE \(ident: PeerSupportSchema.requests) SET status = \(bind: to.rawValue), version = version + 1
                WHERE organization_id = \(bind: request.organizationID) AND id = \(bind: request.id)
                  AND status = \(bind: from.rawValue) AND version = \(bind: request.version)
                RETURNING id
                """).all()
            guard !updated.isEmpty else { throw Failure.conflict(request) }
            try await PeerSupportStep.follow(caseID: request.caseID, organizationID: request.organizationID, subject: request.personID,
                                             to: step, by: tx.user.personID, outbox: tx)
            try await Messages.settle([SupportInvitations.message], recipient: request.personID, organizationID: request.organizationID,
                                      caseID: request.caseID, context: tx)
            try await tx.audit(.update, "support_request", id: request.id, subject: request.personID)
        }
        return try await fresh(request, on: context)
    }

    enum OfferOutcome: Sendable, Equatable {
        case offered
        /// The request changed since it was read (another tab, the person, a job).
        case requestChanged
        /// The supporter reached their caseload cap since matching read it (others chose them at the same moment).
        case supporterFull
        /// The supporter was made facilitator of the learning review of the person's event since matching read it.
        case supporterFacilitates
    }

    /// Offers the request to `supporter`, tells them urgently, and plans the check of their answer, in the
    /// caller's transaction. The cap is checked here, with the supporter's row locked, so people choosing the same
    /// supporter at once cannot together take them past it.
    static func offer(_ request: Request, to supporter: SupporterDirectory.Supporter, outbox: some Outbox) async throws -> OfferOutcome {
        let sql = try outbox.db.sql()
        guard let cap = try await outbox.db.lockSupporter("id = \(bind: supporter.candidate.id)", organizationID: request.organizationID) else {
            return .supporterFull
        }
        let active = SupportRequestStatus.allCases.filter(\.isActive).map(\.rawValue)
        let load = try await sql.raw("""
            SELECT COUNT(*) AS n FROM \(ident: PeerSupportSchema.requests)
            WHERE organization_id = \(bind: request.organizationID) AND supporter_id = \(bind: supporter.candidate.id)
              AND status IN (\(binds: active)) AND id <> \(bind: request.id)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        guard load < cap else { return .supporterFull }
        // The review side takes the same row's lock before it names a facilitator, so one of the two sees the other.
        let facilitates = try await sql.raw("""
            SELECT r.id FROM cases theirs
            JOIN \(ident: ReviewSchema.reviews) r ON r.organization_id = theirs.organization_id AND r.event_id = theirs.event_id
            WHERE theirs.organization_id = \(bind: request.organizationID) AND theirs.person_id = \(bind: request.personID)
              AND \(CasePredicates.stillInvolved("theirs")) AND r.facilitator_id = \(bind: supporter.candidate.personID)
            """).first()
        guard facilitates == nil else { return .supporterFacilitates }
        let minutes = try await SchemeEditing.responseMinutes(organizationID: request.organizationID, on: outbox.db)
        let respondBy = ResponseClock.respondBy(offeredAt: outbox.now, window: ResponseClock.window(minutes: minutes))
        let updated = try await outbox.db.sql().raw("""
            UPDATE \(ident: PeerSupportSchema.requests)
            SET status = \(bind: SupportRequestStatus.offered.rawValue), supporter_id = \(bind: supporter.candidate.id),
                offered_at = \(bind: outbox.now), respond_by = \(bind: respondBy), version = version + 1
            WHERE organization_id = \(bind: request.organizationID) AND id = \(bind: request.id)
              AND status = \(bind: request.status.rawValue) AND version = \(bind: request.version)
            RETURNING id
            """).all()
        guard !updated.isEmpty else { return .requestChanged }
        // Urgent: someone is waiting for an answer within the half hour.
        try await Messages.store([Messages.Outgoing(
            kind: messageOffer, urgency: .urgent, recipient: supporter.candidate.personID, organizationID: request.organizationID,
            link: SiteRoute.supportRequest(request.id).path, key: "\(messageOffer):\(request.id):\(request.version + 1)",
            caseID: request.caseID)], context: outbox)
        try await SupportPassOn.schedule(requestID: request.id, version: request.version + 1, organizationID: request.organizationID,
                                         at: respondBy, outbox: outbox)
        return .offered
    }

    /// The supporters the matching allows for a waiting request now, best first. Never shown to a coordinator.
    static func offerable(_ request: Request, now: Date, on db: any Database) async throws -> [SupporterDirectory.Supporter] {
        let match = try await MatchingInput.load(for: request, now: now, on: db)
        return Matching.suggestions(from: match.pool.map(\.candidate), for: match.seeker, wishes: match.wishes, now: now, limit: match.pool.count)
            .compactMap { suggestion in match.pool.first { $0.candidate.id == suggestion.supporterID } }
    }

    /// A coordinator sends a waiting request on: to the best match the rules allow now. The coordinator names
    /// nobody and is shown nobody, because any list of who may take it tells, by who is missing, who asked.
    /// Someone it is offered to already is not asked again.
    static func assign(_ id: UUID, version: Int, in context: ServiceContext) async throws -> Request {
        guard AccessPolicy.mayRunPeerSupport(context.user.actor) else { throw Failure.forbidden }
        guard let request = try await find(id, organizationID: context.user.organizationID, on: context.db) else { throw Failure.notFound }
        // Only a request on the coordinators' list: one offered to a supporter who still has time to answer is theirs.
        guard ResponseClock.waitsForCoordinators(status: request.status, createdAt: request.createdAt, escalatedAt: request.escalatedAt,
                                                 now: context.now), request.version == version else { throw Failure.conflict(request) }
        guard let supporter = try await offerable(request, now: context.now, on: context.db)
            .first(where: { $0.candidate.id != request.supporterID }) else { throw Failure.nobodyAvailable }
        try await context.transaction { tx in
            guard try await offer(request, to: supporter, outbox: tx) == .offered else { throw Failure.conflict(request) }
            try await tx.audit(.update, "support_request", id: request.id, subject: request.personID)
        }
        return try await fresh(request, on: context)
    }

    static let messageHandover = "support_handover"

    /// The supporter proposes that a colleague take over. The person is told and decides; until then nothing
    /// else changes.
    static func proposeHandover(_ id: UUID, to colleague: UUID, version: Int?, in context: ServiceContext) async throws -> Request {
        let request = try await authorized(id, .logContact, in: context)
        guard request.status == .accepted, request.handoverTo == nil, version == nil || version == request.version else { throw Failure.conflict(request) }
        let match = try await MatchingInput.load(for: request, now: context.now, on: context.db)
        guard colleague != request.supporterID, let supporter = match.pool.first(where: { $0.candidate.id == colleague }) else { throw Failure.unknownSupporter }
        if let rule = Matching.refusal(supporter.candidate, for: match.seeker, wishes: match.wishes, now: context.now) { throw Failure.refused(rule) }
        try await context.transaction { tx in
            let updated = try await tx.db.sql().raw("""
                UPDATE \(ident: PeerSupportSchema.requests) SET handover_to = \(bind: colleague), version = version + 1
                WHERE organization_id = \(bind: request.organizationID) AND id = \(bind: request.id) AND version = \(bind: request.version)
                  AND status = \(bind: SupportRequestStatus.accepted.rawValue)
                RETURNING id
                """).all()
            guard !updated.isEmpty else { throw Failure.conflict(request) }
            try await Messages.store([Messages.Outgoing(kind: messageHandover, urgency: .normal, recipient: request.personID,
                                                        organizationID: request.organizationID, link: SiteRoute.supportRequest(request.id).path,
                                                        key: "\(messageHandover):\(request.id):\(request.version + 1)",
                                                        caseID: request.caseID)], context: tx)
            try await tx.audit(.update, "support_request", id: request.id, subject: request.personID)
        }
        return try await fresh(request, on: context)
    }

    /// The person answers a proposed hand-over: yes offers the request to the colleague (who answers like any
    /// chosen supporter); no keeps the supporter they have.
    static func answerHandover(_ id: UUID, agrees: Bool, version: Int?, in context: ServiceContext) async throws -> Request {
        let request = try await authorized(id, .choose, in: context)
        guard request.status == .accepted, let colleague = request.handoverTo, version == nil || version == request.version else {
            throw Failure.conflict(request)
        }
        let program = try await SupporterDirectory.load(organizationID: request.organizationID, timeZone: context.user.timeZone, now: context.now,
                                                        on: context.db)
        try await context.transaction { tx in
            let sql = try tx.db.sql()
            let cleared = try await sql.raw("""
                UPDATE \(ident: PeerSupportSchema.requests) SET handover_to = NULL
                WHERE organization_id = \(bind: request.organizationID) AND id = \(bind: request.id) AND version = \(bind: request.version)
                RETURNING id
                """).all()
            guard !cleared.isEmpty else { throw Failure.conflict(request) }
            if agrees, let next = program.supporters.first(where: { $0.candidate.id == colleague }), let current = request.supporterID {
                try await SupportPassOn.record(.handedOver, by: current, of: request, outbox: tx)
                switch try await offer(request, to: next, outbox: tx) {
                case .offered: break
                case .requestChanged: throw Failure.conflict(request)
                case .supporterFull: throw Failure.refused(.overCap)
                case .supporterFacilitates: throw Failure.refused(.reviewFacilitator)
                }
            } else {
                try await sql.raw("""
                    UPDATE \(ident: PeerSupportSchema.requests) SET version = version + 1
                    WHERE organization_id = \(bind: request.organizationID) AND id = \(bind: request.id)
                    """).run()
            }
            try await tx.audit(.update, "support_request", id: request.id, subject: request.personID)
        }
        return try await fresh(request, on: context)
    }

    /// The offered supporter hands the request back; it moves on to the next match at once, and is no longer
    /// theirs to see, so nothing of where it went is answered.
    static func pass(_ id: UUID, version: Int?, in context: ServiceContext) async throws {
        let request = try await authorized(id, .pass, in: context)
        guard request.status == .offered, version == nil || version == request.version else { throw Failure.conflict(request) }
        try await context.transaction { tx in
            guard try await SupportPassOn.passOn(request, reason: .passed, actor: tx.user.personID, outbox: tx) else { throw Failure.conflict(request) }
        }
    }

    /// The offered supporter takes the request on; the person is told who will get in touch.
    static func accept(_ id: UUID, version: Int?, in context: ServiceContext) async throws -> Request {
        let request = try await authorized(id, .accept, in: context)
        guard request.status == .offered, version == nil || version == request.version else { throw Failure.conflict(request) }
        try await context.transaction { tx in
            let updated = try await tx.db.sql().raw("""
                UPDATE \(ident: PeerSupportSchema.requests)
                SET status = \(bind: SupportRequestStatus.accepted.rawValue), accepted_at = \(bind: tx.now), version = version + 1
                WHERE organization_id = \(bind: request.organizationID) AND id = \(bind: request.id)
                  AND status = \(bind: SupportRequestStatus.offered.rawValue) AND version = \(bind: request.version)
                RETURNING id
                """).all()
            guard !updated.isEmpty else { throw Failure.conflict(request) }
            if let supporter = request.supporterPersonID {
                try await Messages.settle([messageOffer], recipient: supporter, organizationID: request.organizationID,
                                          link: SiteRoute.supportRequest(request.id).path, context: tx)
            }
            try await Messages.store([Messages.Outgoing(
                kind: messageAccepted, urgency: .normal, recipient: request.personID, organizationID: request.organizationID,
                link: SiteRoute.supportRequest(request.id).path, key: "\(messageAccepted):\(request.id):\(request.version + 1)",
                caseID: request.caseID)], context: tx)
            try await tx.audit(.update, "support_request", id: request.id, subject: request.personID)
        }
        return try await fresh(request, on: context)
    }

    private static func fresh(_ request: Request, on context: ServiceContext) async throws -> Request {
        guard let now = try await find(request.id, organizationID: request.organizationID, on: context.db) else { throw Failure.notFound }
        return now
    }
}
