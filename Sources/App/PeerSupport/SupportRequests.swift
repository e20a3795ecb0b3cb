import Domain
import Fluent
import Foundation

/// A person asking for support for themself: no event needed, nothing about why is stored.
enum SupportRequests {
    /// Opens the person's own pathway. Only when they chose to involve their leader is it shared with one.
    static func create(
        involveLeader: Bool, outsideUnit: Bool, claim: Idempotency.Claim?, in context: ServiceContext,
        answer: @escaping @Sendable (UUID) throws -> Idempotency.Answer
    ) async throws -> Idempotency.Outcome<UUID> {
        let user = context.user
        let owner = involveLeader
            ? try await Leaders.nearest(to: user.personID, units: user.ownUnits, organizationID: user.organizationID, on: context.db)
            : nil
        let steps = PathwayPlanner.selfReferralSteps(requestedAt: context.now, involveLeader: involveLeader && owner != nil, timeZone: user.timeZone)
        return try await Idempotency.once(claim, in: context) { tx in
            let caseID = tx.newID()
            try await Case(id: caseID, organizationID: user.organizationID, personID: user.personID, eventID: nil, ownerID: owner,
                           openedAt: tx.now, prefersOutsideUnit: outsideUnit, sharedWithLeader: involveLeader).create(on: tx.db)
            try await PathwaySteps.create(steps, caseID: caseID, organizationID: user.organizationID, remind: owner != nil, now: tx.now,
                                          ids: tx.ids, on: tx.db)
            try await tx.audit(.create, "case", id: caseID, subject: user.personID)
            return (caseID, try answer(caseID))
        }
    }
}
