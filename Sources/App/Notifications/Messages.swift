import Domain
import Fluent
import Foundation
import SQLKit

/// Telling someone there is something to do: always in the inbox, and by e-mail when they chose it.
enum Messages {
    /// A reminder's kind names the step (`step_due.defusing`): the step is not sensitive, and it tells the
    /// leader what to do without opening every message.
    static let stepDuePrefix = "step_due."
    static let stepOverduePrefix = "step_overdue."

    struct Outgoing: Sendable {
        let kind: String
        let urgency: Urgency
        let recipient: UUID
        let organizationID: UUID
        let link: String
        /// Unique across all messages: a job that runs twice still sends once.
        let key: String
    }

    /// Stores the message and, in the same transaction, the e-mail job that goes with it, so neither exists
    /// without the other even if the process dies in between.
    static func send(_ message: Outgoing, context: JobContext) async throws {
        try await context.db.writeTransaction(gate: context.gate) { db in
            let id = context.ids()
            let inserted = try await db.sql().raw("""
                INSERT INTO messages (id, organization_id, recipient_person_id, kind, link_path, idempotency_key, created_at, urgency)
                VALUES (\(bind: id), \(bind: message.organizationID), \(bind: message.recipient), \(bind: message.kind),
                        \(bind: message.link), \(bind: message.key), \(bind: context.now), \(bind: message.urgency.rawValue))
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id
                """).all()
            guard !inserted.isEmpty, context.mail != nil else { return }
            try await EmailDelivery.schedule(messageID: id, message, context: context.on(db))
        }
    }

    /// What the message says, in the reader's language.
    static func text(_ kind: String, _ t: Localizer) -> String {
        for (prefix, key) in [(stepDuePrefix, "message.step_due"), (stepOverduePrefix, "message.step_overdue")] where kind.hasPrefix(prefix) {
            if let step = StepKey(rawValue: String(kind.dropFirst(prefix.count))) {
                return t(key, ["step": t.stepTitle(step, forPerson: false)])
            }
        }
        return t("message.\(kind)")
    }

    /// Links are stored as our own paths; anything else is never followed.
    static func isOwnPath(_ link: String) -> Bool {
        link.hasPrefix("/") && !link.hasPrefix("//") && !link.contains("\\")
    }

    static func unreadCount(person: UUID, organizationID: UUID, on db: any Database) async throws -> Int {
        try await Message.query(on: db).filter(\.$organizationID == organizationID).filter(\.$recipientPersonID == person)
            .filter(\.$readAt == nil).count()
    }
}
