import Domain
import Fluent
import Foundation
import SQLKit

/// "Would you like someone to contact you? – Yes, please" reaches someone, in the transaction that stores the
/// answers: a peer supporter (the default, asked the same way as any request for support), the leader who
/// holds the pathway, or occupational health (a referral without shared answers). The person is told who.
enum ContactWishes {
    /// Who will get in touch, as the answer page says it.
    enum Outcome: Sendable, Equatable {
        /// A supporter was asked now; nil when nobody could be asked and the coordinators were told instead.
        case supporterAsked(name: String?)
        /// The supporter the person already has was told.
        case supporterTold(name: String)
        case leader(name: String)
        case occupationalHealth(name: String, contact: String)
    }

    /// What the wish needs, read before the transaction.
    struct Prepared: Sendable {
        fileprivate enum Plan: Sendable {
            case tellSupporter(SupportOffers.Request)
            case askSupporter(existing: SupportOffers.Request?, best: SupporterDirectory.Supporter?)
            case tellLeader(id: UUID, name: String)
            case refer(Referrals.Service, alreadyReferred: Bool)
        }

        fileprivate let plan: Plan
        fileprivate let caseID: UUID
        fileprivate var checkInID = UUID()
    }

    /// The choices the form offers for a pathway: a peer supporter always; the leader who holds it, by name;
    /// occupational health when the organization lists it.
    static func choices(caseID: UUID, in context: ServiceContext) async throws -> (leader: String?, occupationalHealth: Bool) {
        let org = context.user.organizationID
        let leader = try await context.db.sql().raw("""
            SELECT p.name FROM cases c JOIN people p ON p.organization_id = c.organization_id AND p.id = c.owner_id
            WHERE c.organization_id = \(bind: org) AND c.id = \(bind: caseID) AND c.owner_id <> \(bind: context.user.personID)
            """).first()?.decode(column: "name", as: String.self)
        let services = try await Referrals.services(organizationID: org, on: context.db)
        return (leader, services.contains { $0.kind == .occupationalHealth })
    }

    static let supporterKind = "contact_wish_supporter"
    static let leaderKind = "contact_wish_leader"

    /// The plan for `choice` on the person's own pathway. A choice that cannot be met (no leader holds the
    /// pathway, no occupational health service is listed) falls back to a peer supporter.
    static func prepare(_ choice: ContactChoice?, checkInID: UUID, caseID: UUID, in context: ServiceContext) async throws -> Prepared {
        var prepared = try await plan(choice, caseID: caseID, in: context)
        prepared.checkInID = checkInID
        return prepared
    }

    private static func plan(_ choice: ContactChoice?, caseID: UUID, in context: ServiceContext) async throws -> Prepared {
        let org = context.user.organizationID
        switch choice ?? .peerSupporter {
        case .leader:
            if let row = try await context.db.sql().raw("""
                SELECT c.owner_id, p.name FROM cases c JOIN people p ON p.organization_id = c.organization_id AND p.id = c.owner_id
                WHERE c.organization_id = \(bind: org) AND c.id = \(bind: caseID) AND c.owner_id <> \(bind: context.user.personID)
                """).first() {
                return Prepared(plan: .tellLeader(id: try row.decode(column: "owner_id", as: UUID.self), name: try row.decode(column: "name", as: String.self)),
                                caseID: caseID)
            }
        case .occupationalHealth:
            if let service = try await Referrals.services(organizationID: org, on: context.db).first(where: { $0.kind == .occupationalHealth }) {
                let made = try await Referrals.made(caseIDs: [caseID], organizationID: org, on: context.db)
                return Prepared(plan: .refer(service, alreadyReferred: made.contains { $0.serviceID == service.id }), caseID: caseID)
            }
        case .peerSupporter:
            break
        }
        let existing = try await SupportOffers.latest(caseID: caseID, organizationID: org, on: context.db)
        if let existing, existing.status.isActive { return Prepared(plan: .tellSupporter(existing), caseID: caseID) }
        let leader = try await Leaders.nearest(to: context.user.personID, units: context.user.ownUnits, organizationID: org, on: context.db)
        let passedBy = try await existing.asyncMap { try await SupportPassOn.passes(of: $0, on: context.db) } ?? []
        let match = try await MatchingInput.load(existing?.wishes ?? SupportRequests.Wishes(), for: MatchingInput.Asking(context.user), leader: leader,
                                                 passedBy: Set(passedBy), caseID: caseID, now: context.now, on: context.db)
        let best = match.suggestions().first.flatMap { best in match.pool.first { $0.candidate.id == best.supporterID } }
        return Prepared(plan: .askSupporter(existing: existing, best: best), caseID: caseID)
    }

    /// Makes it happen, in the answers' transaction.
    static func fulfil(_ prepared: Prepared, in tx: ServiceContext) async throws -> Outcome {
        let org = tx.user.organizationID, person = tx.user.personID, caseID = prepared.caseID
        switch prepared.plan {
        case .tellLeader(let leader, let name):
            try await Messages.store([.init(kind: leaderKind, urgency: .urgent, recipient: leader, organizationID: org,
                                            link: SiteRoute.caseDetail(caseID).path, key: "\(leaderKind):\(prepared.checkInID)",
                                            caseID: caseID)], context: tx)
            return .leader(name: name)
        case .refer(let service, let alreadyReferred):
            if !alreadyReferred {
                _ = try await Referrals.insert(caseID: caseID, personID: person, service: service, shared: [], in: tx)
            }
            return .occupationalHealth(name: service.name, contact: service.contact)
        case .tellSupporter(let request):
            if let supporter = request.supporterPersonID {
                try await Messages.store([.init(kind: supporterKind, urgency: .urgent, recipient: supporter, organizationID: org,
                                                link: SiteRoute.supportRequest(request.id).path,
                                                key: "\(supporterKind):\(prepared.checkInID)", caseID: caseID)], context: tx)
            }
            return .supporterTold(name: request.supporterName ?? "")
        case .askSupporter(let existing, let best):
            let request = try await standingRequest(existing, caseID: caseID, in: tx)
            // The pathway's peer-support step is left as it is: the leader reads it, and nothing done from the
            // check-ins may change what a leader can read.
            if let best, try await SupportOffers.offer(request, to: best, outbox: tx) == .offered { return .supporterAsked(name: best.name) }
            // Nobody can be asked now: the coordinators hear at once that a request waits, never who asked.
            try await SupportPassOn.alertCoordinators(request, outbox: tx)
            return .supporterAsked(name: nil)
        }
    }

    /// The pathway's one request, open: opened now, or opened again if it was declined or closed.
    private static func standingRequest(_ existing: SupportOffers.Request?, caseID: UUID, in tx: ServiceContext) async throws -> SupportOffers.Request {
        let org = tx.user.organizationID
        if let existing {
            if existing.status != .open {
                try await tx.db.sql().raw("""
                    UPDATE \(ident: PeerSupportSchema.requests) SET status = \(bind: SupportRequestStatus.open.rawValue), version = version + 1
                    WHERE organization_id = \(bind: org) AND id = \(bind: existing.id) AND version = \(bind: existing.version)
                    """).run()
            }
            try await tx.audit(.update, "support_request", id: existing.id, subject: tx.user.personID)
        } else {
            let id = tx.newID()
            if try await SupportRequestRows.insertOpen(id: id, organizationID: org, caseID: caseID, personID: tx.user.personID, at: tx.now, on: tx.db) {
                try await tx.audit(.create, "support_request", id: id, subject: tx.user.personID)
            }
        }
        guard let request = try await SupportOffers.latest(caseID: caseID, organizationID: org, on: tx.db) else { throw CheckInAnswers.Failure.notFound }
        return request
    }
}
