import Domain
import Fluent
import Foundation
import SQLKit

/// The one way a record moves a step of a pathway by itself: a request for support, a defusing conversation, a
/// leader's record, a review or a family meeting. The move follows the pathway's table (through `offered` from
/// `pending` where the table requires it), is conditional on the version read, records who finished a `done`
/// step, and is audited like a move made by hand.
enum StepFollow {
    /// Moves the step towards `target` in the caller's transaction. A step already there, one the table does not
    /// let reach it, or one not in `from` (when given) is left as it is. True when it moved.
    @discardableResult
    static func move(caseID: UUID, organizationID: UUID, key: StepKey, to target: StepStatus, from: Set<StepStatus>? = nil, by actor: UUID?,
                     finisher: Bool = true, subject: UUID, outbox: some Outbox) async throws -> Bool {
        let sql = try outbox.db.sql()
        guard let row = try await sql.raw("""
            SELECT id, status, version FROM pathway_steps
            WHERE organization_id = \(bind: organizationID) AND case_id = \(bind: caseID) AND key = \(bind: key.rawValue)
            """).first() else { return false }
        let current = try row.decode(column: "status", as: StepStatus.self)
        guard current != target, from?.contains(current) ?? true else { return false }
        let path: [StepStatus] = current.canMove(to: target) ? [target]
            : current == .pending && StepStatus.offered.canMove(to: target) ? [.offered, target] : []
        guard !path.isEmpty else { return false }
        let done = target == .done && finisher
        let id = try row.decode(column: "id", as: UUID.self)
        try await sql.raw("""
            UPDATE pathway_steps SET status = \(bind: target.rawValue), updated_at = \(bind: outbox.now), version = version + 1
              \(done ? ", done_at = \(bind: outbox.now), done_by = \(bind: actor)" as SQLQueryString : "")
            WHERE id = \(bind: id) AND organization_id = \(bind: organizationID) AND version = \(bind: try row.decode(column: "version", as: Int.self))
            """).run()
        if !target.isOpen {
            // Whoever was reminded that the step is due or late (its owner) need not be any more.
            try await Messages.settle(Messages.ownerReminders(of: key), recipient: nil, organizationID: organizationID, caseID: caseID,
                                      context: outbox)
        }
        try await outbox.audit(by: actor, .update, "pathway_step", id: id, subject: subject, organizationID: organizationID)
        return true
    }
}
