import Domain
import Fluent
import Foundation
import SQLKit

/// Where a person is signed in: their browser sessions and API tokens, as they can see and end them.
enum Sessions {
    struct Entry: Sendable {
        let id: UUID
        let kind: AuthToken.Kind
        let startedAt: Date
        let lastUsedAt: Date
        let browser: String?
        let system: String?
    }

    /// Notes that a session was used now (at most once a minute, see `CurrentUser.lastSeenGranularity`).
    static func touch(_ id: UUID, organizationID: UUID, at now: Date, on db: any Database) async throws {
        try await db.sql().raw("""
            UPDATE auth_tokens SET last_seen_at = \(bind: now) WHERE organization_id = \(bind: organizationID) AND id = \(bind: id)
            """).run()
    }

    /// The account's live sessions (not past their lifetime nor idle too long) and API tokens, most recently used first.
    static func list(accountID: UUID, organizationID: UUID, now: Date, idleSince: Date, on db: any Database) async throws -> [Entry] {
        try await db.sql().raw("""
            SELECT id, kind, created_at, COALESCE(last_seen_at, created_at) AS last_used, device_browser, device_system
            FROM auth_tokens
            WHERE organization_id = \(bind: organizationID) AND account_id = \(bind: accountID) AND expires_at > \(bind: now)
              AND (kind = \(bind: AuthToken.Kind.api.rawValue)
                OR (kind = \(bind: AuthToken.Kind.session.rawValue) AND COALESCE(last_seen_at, created_at) > \(bind: idleSince)))
            ORDER BY last_used DESC, id
            LIMIT 100
            """).all().map { row in
            Entry(id: try row.decode(column: "id", as: UUID.self),
                  kind: AuthToken.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .session,
                  startedAt: try row.decode(column: "created_at", as: Date.self), lastUsedAt: try row.decode(column: "last_used", as: Date.self),
                  browser: try row.decode(column: "device_browser", as: String?.self), system: try row.decode(column: "device_system", as: String?.self))
        }
    }

    /// Ends one of the person's own sessions or tokens, with its audit entry; false when it is not theirs or gone.
    static func end(_ id: UUID, in context: ServiceContext) async throws -> Bool {
        try await context.transaction { tx in
            let ended = try await tx.db.sql().raw("""
                DELETE FROM auth_tokens
                WHERE organization_id = \(bind: tx.user.organizationID) AND account_id = \(bind: tx.user.accountID) AND id = \(bind: id)
                  AND kind IN (\(binds: [AuthToken.Kind.session.rawValue, AuthToken.Kind.api.rawValue]))
                RETURNING id
                """).all()
            guard !ended.isEmpty else { return false }
            try await tx.audit(.delete, "session", id: id, subject: tx.user.personID)
            return true
        }
    }
}
