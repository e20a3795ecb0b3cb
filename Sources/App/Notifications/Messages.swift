import Domain
import Fluent
import Foundation
import SQLKit

/// Where messages are written from: a job or a person's action, inside its transaction.
protocol Outbox: Sendable {
    var db: any Database { get }
    var now: Date { get }
    var ids: @Sendable () -> UUID { get }
    /// E-mail is planned only when an SMTP server is configured.
    var sendsEmail: Bool { get }
    var emailDigestWindow: TimeInterval { get }
}

extension JobContext: Outbox {
    var sendsEmail: Bool { mail != nil }
    var emailDigestWindow: TimeInterval { mail?.digestWindow ?? ChannelPreferences.digestWindow }
}

extension ServiceContext: Outbox {}

extension Outbox {
    /// An audit entry written in this outbox's transaction; `actor` is nil for what the system does by itself (a job).
    func audit(by actor: UUID?, _ action: AuditLog.Action, _ objectType: String, id: UUID?, subject: UUID?, organizationID: UUID) async throws {
        try await AuditEntry(id: ids(), organizationID: organizationID, actorPersonID: actor, action: action.rawValue, objectType: objectType,
                             objectID: id, subjectPersonID: subject, at: now).create(on: db)
    }
}

/// Telling someone there is something to do: always in the inbox, and by e-mail when they chose it.
enum Messages {
    /// A reminder's kind names the step (`step_due.defusing`): the step is not sensitive, and it tells the
    /// leader what to do without opening every message.
    static let stepDuePrefix = "step_due."
    static let stepOverduePrefix = "step_overdue."
    /// To the owner, once a step of theirs is past its grace period: it replaces "due soon", which is no longer true.
    static let stepLatePrefix = "step_late."

    /// What the owner was told of a step: settled once the step is done or set aside.
    static func ownerReminders(of key: StepKey) -> [String] { [stepDuePrefix + key.rawValue, stepLatePrefix + key.rawValue] }

    struct Outgoing: Sendable {
        let kind: String
        let urgency: Urgency
        let recipient: UUID
        let organizationID: UUID
        let link: String
        /// Unique across all messages: a job that runs twice still sends once.
        let key: String
        /// The pathway it is about; the inbox names its event by kind and date, nothing more.
        var caseID: UUID? = nil
    }

    /// Stores the message and, in the same transaction, the e-mail job that goes with it, so neither exists
    /// without the other even if the process dies in between.
    static func send(_ message: Outgoing, context: JobContext) async throws {
        try await context.db.writeTransaction(gate: context.gate) { db in
            try await store([message], context: context.inside(db))
        }
    }

    /// Stores messages in one statement, inside the caller's transaction; a message whose key is stored already
    /// is skipped, and so is its e-mail.
    static func store(_ messages: [Outgoing], context: some Outbox) async throws {
        guard !messages.isEmpty else { return }
        var insert = try context.db.sql().insert(into: "messages")
            .columns("id", "organization_id", "recipient_person_id", "kind", "link_path", "idempotency_key", "created_at", "urgency", "case_id")
        for message in messages {
            insert = insert.values([SQLBind(context.ids()), SQLBind(message.organizationID), SQLBind(message.recipient), SQLBind(message.kind),
                                    SQLBind(message.link), SQLBind(message.key), SQLBind(context.now), SQLBind(message.urgency.rawValue),
                                    SQLBind(message.caseID)])
        }
        let stored = try await insert.ignoringConflicts(with: "idempotency_key").returning("id", "idempotency_key").all()
        guard context.sendsEmail else { return }
        let byKey = Dictionary(messages.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for row in stored {
            guard let message = byKey[try row.decode(column: "idempotency_key", as: String.self)] else { continue }
            try await EmailDelivery.schedule(messageID: try row.decode(column: "id", as: UUID.self), message, context: context)
        }
    }

    /// Marks as read the unread messages of these kinds that `recipient` (or whoever got them, when nil) got
    /// about a pathway (or, with `link`, about one thing): what they said has been acted on or overtaken, and an
    /// inbox that keeps asking for it contradicts what happened since.
    static func settle(_ kinds: [String], recipient: UUID?, organizationID: UUID, caseID: UUID? = nil, link: String? = nil,
                       context: some Outbox) async throws {
        let to: SQLQueryString = if let recipient { "AND recipient_person_id = \(bind: recipient)" } else { "" }
        let about: SQLQueryString = if let caseID { "AND case_id = \(bind: caseID)" } else if let link { "AND link_path = \(bind: link)" } else { "" }
        try await context.db.sql().raw("""
            UPDATE messages SET read_at = \(bind: context.now)
            WHERE organization_id = \(bind: organizationID) AND read_at IS NULL AND kind IN (\(binds: kinds)) \(to) \(about)
            """).run()
    }

    /// What the message says, in the reader's language.
    static func text(_ kind: String, _ t: Localizer) -> String {
        for (prefix, key) in [(stepDuePrefix, "message.step_due"), (stepLatePrefix, "message.step_late"), (stepOverduePrefix, "message.step_overdue")] where kind.hasPrefix(prefix) {
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
