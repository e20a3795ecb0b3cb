import Domain
import Fluent
import Foundation
import SQLKit

/// Supporters are looked after too: two weeks before their supervision is due, and again once it is overdue,
/// they get a reminder, each once. The coordinator sees overdue supervision on the programme page.
enum SupervisionReminders {
    static let dueSoon = "supervision_due"
    static let overdue = "supervision_overdue"
    static let warning: TimeInterval = 14 * 86400

    static func run(organizationID: UUID, context: JobContext) async throws {
        let rows = try await context.db.sql().raw("""
            SELECT id, person_id, next_supervision_at FROM \(ident: PeerSupportSchema.profiles)
            WHERE organization_id = \(bind: organizationID) AND next_supervision_at IS NOT NULL
              AND next_supervision_at < \(bind: context.now.addingTimeInterval(warning))
            """).all()
        let messages = try rows.map { row -> Messages.Outgoing in
            let due = try row.decode(column: "next_supervision_at", as: Date.self)
            let kind = due < context.now ? overdue : dueSoon
            return Messages.Outgoing(kind: kind, urgency: .normal, recipient: try row.decode(column: "person_id", as: UUID.self),
                                     organizationID: organizationID, link: SiteRoute.supportRequests.path,
                                     key: "\(kind):\(try row.decode(column: "id", as: UUID.self)):\(Int(due.timeIntervalSince1970))")
        }
        try await Messages.store(messages, context: context)
    }
}
