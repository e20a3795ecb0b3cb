import Domain
import Fluent
import Foundation
import SQLKit

/// A person asking for support for themself: no event needed, nothing about why is stored.
enum SupportRequests {
    struct Wishes: Sendable, Codable, Equatable {
        var involveLeader = false
        var sameProfession = false
        var outsideUnit = false
        /// A language code the catalogue knows; anything else is refused before it gets here.
        var language: String?
        /// How the person would like to be reached; only the chosen supporter reads it.
        var reach: Reach?
    }

    struct Created: Sendable {
        let requestID: UUID
        let caseID: UUID
        let suggestions: [Suggestion]
    }

    enum Failure: Error {
        /// Not one of the person's own open pathways.
        case caseNotFound
        /// A supporter is already asked, or has taken it on.
        case underWay
    }

    struct Suggestion: Sendable, Codable, Equatable {
        let supporterID: UUID
        let name: String
        let reasons: [MatchReason]
    }

    /// How long the same request sent again counts as the first.
    static let repeatWindow: TimeInterval = 10 * 60

    /// Opens the person's own pathway and its request for a peer supporter, with up to three suggestions. Only
    /// when they chose to involve their leader is either shared with one.
    static func create(
        _ wishes: Wishes, claim: Idempotency.Claim?, in context: ServiceContext,
        answer: @escaping @Sendable (Created) throws -> Idempotency.Answer
    ) async throws -> Idempotency.Outcome<Created> {
        let user = context.user
        let leader = try await Leaders.nearest(to: user.personID, units: user.ownUnits, organizationID: user.organizationID, on: context.db)
        let owner = wishes.involveLeader ? leader : nil
        let suggestions = try await suggest(wishes, leader: leader, caseID: nil, in: context)
        let steps = PathwayPlanner.selfReferralSteps(requestedAt: context.now, involveLeader: owner != nil, timeZone: user.timeZone)
        return try await Idempotency.once(claim, in: context) { tx in
            // The same request again within minutes, while the first still waits for a choice (a double tap, two
            // devices), is answered with the first; checked under the organization's lock so two at once make one.
            // A different request (shared with the leader this time, say) is a new one.
            try await tx.db.lockOrganization(user.organizationID)
            if let standing = try await tx.db.sql().raw("""
                SELECT r.id, r.case_id FROM \(ident: PeerSupportSchema.requests) r
                JOIN cases c ON c.organization_id = r.organization_id AND c.id = r.case_id
                WHERE r.organization_id = \(bind: user.organizationID) AND r.person_id = \(bind: user.personID)
                  AND r.status = \(bind: SupportRequestStatus.open.rawValue) AND c.event_id IS NULL AND c.status = \(bind: CaseStatus.open.rawValue)
                  AND c.shared_with_leader = \(bind: wishes.involveLeader) AND r.outside_unit = \(bind: wishes.outsideUnit)
                  AND r.same_profession = \(bind: wishes.sameProfession) AND r.created_at > \(bind: tx.now.addingTimeInterval(-repeatWindow))
                ORDER BY r.created_at DESC, r.id
                LIMIT 1
                """).first() {
                let created = Created(requestID: try standing.decode(column: "id", as: UUID.self), caseID: try standing.decode(column: "case_id", as: UUID.self),
                                      suggestions: suggestions)
                return (created, try answer(created))
            }
            let caseID = tx.newID()
            try await Case(id: caseID, organizationID: user.organizationID, personID: user.personID, eventID: nil, ownerID: owner,
                           openedAt: tx.now, prefersOutsideUnit: wishes.outsideUnit, sharedWithLeader: wishes.involveLeader).create(on: tx.db)
            try await PathwaySteps.create(steps, caseID: caseID, organizationID: user.organizationID, remind: owner != nil, now: tx.now,
                                          ids: tx.ids, on: tx.db)
            let requestID = tx.newID()
            try await SupportRequestRows.insertOpen(id: requestID, organizationID: user.organizationID, caseID: caseID, personID: user.personID,
                                                    wishes: wishes, at: tx.now, on: tx.db)
            try await tx.audit(.create, "case", id: caseID, subject: user.personID)
            try await tx.audit(.create, "support_request", id: requestID, subject: user.personID)
            let created = Created(requestID: requestID, caseID: caseID, suggestions: suggestions)
            return (created, try answer(created))
        }
    }

    /// Asks for a peer supporter in one of the person's own open pathways (after an event, say): its request is
    /// opened, or opened again with these wishes if it was waiting or declined.
    static func create(
        _ wishes: Wishes, forCase caseID: UUID, claim: Idempotency.Claim?, in context: ServiceContext,
        answer: @escaping @Sendable (Created) throws -> Idempotency.Answer
    ) async throws -> Idempotency.Outcome<Created> {
        let user = context.user
        guard let pathway = try await Case.query(on: context.db).filter(\.$organizationID == user.organizationID).filter(\.$id == caseID).first(),
              pathway.personID == user.personID, pathway.status == .open
        else { throw Failure.caseNotFound }
        let existing = try await SupportOffers.latest(caseID: caseID, organizationID: user.organizationID, on: context.db)
        if let existing, existing.status == .offered || existing.status == .accepted { throw Failure.underWay }
        let leader = try await Leaders.nearest(to: user.personID, units: user.ownUnits, organizationID: user.organizationID, on: context.db)
        let suggestions = try await suggest(wishes, leader: leader, caseID: caseID, in: context)
        return try await Idempotency.once(claim, in: context) { tx in
            let sql = try tx.db.sql()
            var requestID: UUID
            if let existing {
                requestID = existing.id
                let updated = try await sql.raw("""
                    UPDATE \(ident: PeerSupportSchema.requests)
                    SET status = \(bind: SupportRequestStatus.open.rawValue), same_profession = \(bind: wishes.sameProfession),
                        outside_unit = \(bind: wishes.outsideUnit), language = \(bind: wishes.language),
                        reach_by = \(bind: wishes.reach?.by.rawValue), reach_at = \(bind: wishes.reach?.at), version = version + 1
                    WHERE organization_id = \(bind: user.organizationID) AND id = \(bind: existing.id) AND version = \(bind: existing.version)
                    RETURNING id
                    """).all()
                if updated.isEmpty {
                    // A second tap (or another device) reopened it first: the answer is the request that now stands.
                    guard let now = try await SupportOffers.latest(caseID: caseID, organizationID: user.organizationID, on: tx.db),
                          now.id == existing.id, now.status == .open else { throw Failure.underWay }
                } else {
                    try await tx.audit(.update, "support_request", id: requestID, subject: user.personID)
                }
            } else {
                requestID = tx.newID()
                if try await SupportRequestRows.insertOpen(id: requestID, organizationID: user.organizationID, caseID: caseID, personID: user.personID,
                                                           wishes: wishes, at: tx.now, on: tx.db) {
                    try await tx.audit(.create, "support_request", id: requestID, subject: user.personID)
                } else {
                    // One pathway has one request: a racing request (a double tap, the automatic invitation) made it.
                    guard let first = try await SupportOffers.latest(caseID: caseID, organizationID: user.organizationID, on: tx.db),
                          first.status != .closed else { throw Failure.underWay }
                    requestID = first.id
                }
            }
            try await PeerSupportStep.follow(caseID: caseID, organizationID: user.organizationID, subject: user.personID, to: .offered,
                                             by: user.personID, outbox: tx)
            let created = Created(requestID: requestID, caseID: caseID, suggestions: suggestions)
            return (created, try answer(created))
        }
    }

    /// Up to three supporters who may support this person now, best first, with why each fits.
    static func suggest(_ wishes: Wishes, leader: UUID?, caseID: UUID?, in context: ServiceContext) async throws -> [Suggestion] {
        let match = try await MatchingInput.load(wishes, leader: leader, caseID: caseID, in: context)
        return match.suggestions().map { Suggestion(supporterID: $0.supporterID, name: match.name(of: $0.supporterID), reasons: $0.reasons) }
    }
}
