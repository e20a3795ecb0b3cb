import Domain
import Fluent
import Foundation
import SQLKit

/// The `peer_support` step of a pathway follows its request: offered when the person is invited, accepted
/// when they choose someone, declined when they say not now, offered again when they take that back.
enum PeerSupportStep {
    /// Moves the step in the caller's transaction, through `offered` where the pathway requires it. A step
    /// already past (done, or set aside by the leader) is left as it is: the request is the person's choice,
    /// not a correction of the pathway. Only `offered`, `accepted` and `declined` are followed; none records a
    /// finisher.
    static func follow(caseID: UUID, organizationID: UUID, subject: UUID, to target: StepStatus, by actor: UUID?, outbox: some Outbox) async throws {
        guard [.offered, .accepted, .declined].contains(target) else { return }
        try await StepFollow.move(caseID: caseID, organizationID: organizationID, key: .peerSupport, to: target, by: actor, subject: subject, outbox: outbox)
    }
}
