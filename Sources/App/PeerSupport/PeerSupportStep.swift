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
        let sql = try outbox.db.sql()
        guard [.offered, .accepted, .declined].contains(target),
              let row = try await sql.raw("""
                SELECT id, status, version FROM pathway_steps
                WHERE organization_id = \(bind: organizationID) AND case_id = \(bind: caseID) AND key = \(bind: StepKey.peerSupport.rawValue)
                """).first()
        else { return }
        var status = try row.decode(column: "status", as: StepStatus.self)
        guard status != target else { return }
        for next in status == .pending && target != .offered ? [StepStatus.offered, target] : [target] {
            guard status.canMove(to: next) else { return }
            status = next
        }
        let id = try row.decode(column: "id", as: UUID.self)
        try await sql.raw("""
            UPDATE pathway_steps SET status = \(bind: status.rawValue), updated_at = \(bind: outbox.now), version = version + 1
            WHERE id = \(bind: id) AND organization_id = \(bind: organizationID) AND version = \(bind: try row.decode(column: "version", as: Int.self))
            """).run()
        try await outbox.audit(by: actor, .update, "pathway_step", id: id, subject: subject, organizationID: organizationID)
    }
}
