import Domain
import Fluent
import Foundation
import SQLKit

/// One-time links where the holder of a new account chooses their password. The token is shown once (printed
/// or sent) and only its hash is stored.
enum AccountSetups {
    static let table = "account_setups"

    /// A link as its page shows it: whose account, in which organization, and whether it can still be used.
    struct Pending: Sendable {
        let id: UUID
        let accountID: UUID
        let organizationID: UUID
        let username: String
        let organizationName: String
        let language: String
        let state: AccountSetupLink.State
    }

    enum Failure: Error, Equatable {
        /// Unknown, used or expired: said the same way, so a guessed token learns nothing.
        case unusable
        case password([PasswordPolicy.Problem])
    }

    /// A new link for an account, inside the caller's transaction; returns the token for the link.
    static func issue(accountID: UUID, organizationID: UUID, now: Date, lifetime: TimeInterval = AccountSetupLink.lifetime, id: UUID,
                      on db: any Database) async throws -> String {
        let token = Tokens.random()
        try await db.sql().insert(into: table)
            .columns("id", "organization_id", "account_id", "token_hash", "created_at", "expires_at")
            .values(SQLBind(id), SQLBind(organizationID), SQLBind(accountID), SQLBind(Tokens.hash(token)), SQLBind(now),
                    SQLBind(now.addingTimeInterval(lifetime)))
            .run()
        return token
    }

    static func find(token: String, now: Date, on db: any Database) async throws -> Pending? {
        guard let row = try await db.sql().raw("""
            SELECT s.id, s.account_id, s.organization_id, s.expires_at, s.used_at, a.username, o.name AS organization_name,
              o.default_language
            FROM account_setups s JOIN accounts a ON a.id = s.account_id AND a.organization_id = s.organization_id
            JOIN organizations o ON o.id = s.organization_id
            WHERE s.token_hash = \(bind: Tokens.hash(token))
            """).first() else { return nil }
        return Pending(
            id: try row.decode(column: "id", as: UUID.self), accountID: try row.decode(column: "account_id", as: UUID.self),
            organizationID: try row.decode(column: "organization_id", as: UUID.self), username: try row.decode(column: "username", as: String.self),
            organizationName: try row.decode(column: "organization_name", as: String.self),
            language: try row.decode(column: "default_language", as: String.self),
            state: AccountSetupLink.state(expiresAt: try row.decode(column: "expires_at", as: Date.self),
                                          usedAt: try row.decode(column: "used_at", as: Date?.self), now: now))
    }

    /// Sets the password the holder chose and uses the link up, in one transaction with its audit entry. Two
    /// tabs sending at once: the first sets it, the other finds the link used.
    static func complete(token: String, password: String, confirmation: String, hash: @Sendable (String) async throws -> String,
                         now: Date, ids: @escaping @Sendable () -> UUID, gate: WriteGate?, on db: any Database) async throws {
        guard let pending = try await find(token: token, now: now, on: db), pending.state == .usable else { throw Failure.unusable }
        let problems = PasswordPolicy.problems(password, confirmation: confirmation, username: pending.username)
        guard problems.isEmpty else { throw Failure.password(problems) }
        let hashed = try await hash(password)
        try await db.writeTransaction(gate: gate) { tx in
            let used = try await tx.sql().raw("""
                UPDATE account_setups SET used_at = \(bind: now)
                WHERE id = \(bind: pending.id) AND used_at IS NULL AND expires_at > \(bind: now)
                RETURNING id
                """).all()
            guard !used.isEmpty else { throw Failure.unusable }
            try await tx.sql().raw("""
                UPDATE accounts SET password_hash = \(bind: hashed)
                WHERE organization_id = \(bind: pending.organizationID) AND id = \(bind: pending.accountID)
                """).run()
            // A new password ends every session and token of the old one: whoever knew it is out.
            try await tx.sql().raw("""
                DELETE FROM auth_tokens WHERE organization_id = \(bind: pending.organizationID) AND account_id = \(bind: pending.accountID)
                """).run()
            try await AuditEntry(id: ids(), organizationID: pending.organizationID, actorPersonID: nil, action: AuditLog.Action.update.rawValue,
                                 objectType: "account_password", objectID: pending.accountID, subjectPersonID: nil, at: now).create(on: tx)
        }
    }
}
