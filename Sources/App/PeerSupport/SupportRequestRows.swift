import Domain
import Fluent
import Foundation
import SQLKit

/// Writing a new request for a peer supporter: one place, whoever opens it (the person, a leader on their
/// behalf, the invitation after an event, the demo).
enum SupportRequestRows {
    /// An open request of `personID`'s pathway `caseID`, with their wishes; `requestedBy` is the leader who
    /// asked on their behalf, when one did, with the moment the person agreed. False when the pathway has a
    /// request that is not closed (a unique index holds one per pathway): a racing writer got there first.
    @discardableResult
    static func insertOpen(id: UUID, organizationID: UUID, caseID: UUID, personID: UUID, wishes: SupportRequests.Wishes = .init(),
                           requestedBy: UUID? = nil, at now: Date, on db: any Database) async throws -> Bool {
        try await !db.sql().insert(into: PeerSupportSchema.requests)
            .columns("id", "organization_id", "case_id", "person_id", "status", "same_profession", "outside_unit", "language",
                     "requested_by", "agreed_at", "created_at", "version", "reach_by", "reach_at")
            .values(SQLBind(id), SQLBind(organizationID), SQLBind(caseID), SQLBind(personID), SQLBind(SupportRequestStatus.open.rawValue),
                    SQLBind(wishes.sameProfession), SQLBind(wishes.outsideUnit), SQLBind(wishes.language), SQLBind(requestedBy),
                    SQLBind(requestedBy.map { _ in now }), SQLBind(now), SQLBind(1), SQLBind(wishes.reach?.by.rawValue), SQLBind(wishes.reach?.at))
            .ignoringConflicts()
            .returning("id")
            .all().isEmpty
    }
}
