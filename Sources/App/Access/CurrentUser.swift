import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// The signed-in account, with what the access rules and the pages need about it.
struct CurrentUser: Sendable {
    let accountID: UUID
    let personID: UUID
    let organizationID: UUID
    let name: String
    let username: String
    let roles: Set<Role>
    let actor: Actor
    let preferredLanguage: AppLanguage?
    let organizationLanguage: AppLanguage
    let timeZone: TimeZone
    /// The units the person works in (for the leader's own leader, scope checks of the person, etc.).
    let ownUnits: Set<UUID>
    let unreadMessages: Int
    /// The numbers shown to anyone in acute crisis, on every page that may need them.
    let crisisContacts: CrisisContacts
    /// The session or token this request came with.
    var tokenID: UUID? = nil
    /// Its last use is more than a minute old: it is noted now (a write a minute, not one per request).
    var lastSeenIsStale = false

    /// How often a session's last use is written down.
    static let lastSeenGranularity: TimeInterval = 60

    /// The holder of a live token, with roles, leader scope (units led and every unit below them), own units
    /// and unread count — in one query, since every request of a signed-in person starts here. Each row is
    /// one part of the answer, all columns as text so the parts can share one result on both databases.
    /// A session unused since `idleSince` has ended (nil: no idle timeout, as for API tokens).
    static func load(tokenHash: String, kind: AuthToken.Kind, now: Date, idleSince: Date? = nil, on db: any Database) async throws -> CurrentUser? {
        let idle: SQLQueryString = idleSince.map { "AND COALESCE(t.last_seen_at, t.created_at) > \(bind: $0)" } ?? ""
        let rows = try await db.sql().raw("""
            WITH RECURSIVE me AS (
              SELECT a.id AS account_id, a.person_id, a.organization_id, a.username, t.id AS token_id,
                CASE WHEN COALESCE(t.last_seen_at, t.created_at) < \(bind: now.addingTimeInterval(-lastSeenGranularity)) THEN 'stale' ELSE 'fresh' END
                  AS seen
              FROM auth_tokens t JOIN accounts a ON a.id = t.account_id AND a.organization_id = t.organization_id
              WHERE t.token_hash = \(bind: tokenHash) AND t.kind = \(bind: kind.rawValue) AND t.expires_at > \(bind: now) \(idle)
            ),
            scope(unit_id) AS (
              SELECT ls.unit_id FROM leader_scopes ls JOIN me ON ls.account_id = me.account_id AND ls.organization_id = me.organization_id
              UNION
              SELECT u.id FROM units u JOIN scope s ON u.parent_id = s.unit_id JOIN me ON u.organization_id = me.organization_id
            )
            SELECT 'me' AS part, CAST(me.account_id AS TEXT) AS v1, CAST(me.person_id AS TEXT) AS v2, CAST(me.organization_id AS TEXT) AS v3,
              me.username AS v4, p.name AS v5, p.preferred_language AS v6, o.time_zone AS v7, o.default_language AS v8,
              CAST((SELECT COUNT(*) FROM messages m WHERE m.organization_id = me.organization_id AND m.recipient_person_id = me.person_id
                    AND m.read_at IS NULL) AS TEXT) AS v9,
              o.country AS v10, o.crisis_emergency_number AS v11, o.crisis_out_of_hours_number AS v12,
              CAST(me.token_id AS TEXT) AS v13, me.seen AS v14
            FROM me JOIN people p ON p.id = me.person_id AND p.organization_id = me.organization_id AND p.active = \(bind: true)
            JOIN organizations o ON o.id = me.organization_id
            UNION ALL
            SELECT 'role', r.role, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM account_roles r JOIN me ON r.account_id = me.account_id AND r.organization_id = me.organization_id
            UNION ALL
            SELECT 'scope', CAST(scope.unit_id AS TEXT), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM scope
            UNION ALL
            SELECT 'unit', CAST(pu.unit_id AS TEXT), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM person_units pu JOIN me ON pu.person_id = me.person_id AND pu.organization_id = me.organization_id
            """).all()
        var identity: (account: UUID, person: UUID, organization: UUID, username: String, name: String, preferred: String?, zone: String,
                       language: String, unread: Int, crisis: CrisisContacts, token: UUID?, stale: Bool)?
        var roles: Set<Role> = [.involved]
        var scope: Set<UUID> = []
        var ownUnits: Set<UUID> = []
        for row in rows {
            let value = try row.decode(column: "v1", as: String?.self)
            switch try row.decode(column: "part", as: String.self) {
            case "me":
                guard let account = value.flatMap(UUID.init(uuidString:)),
                      let person = try row.decode(column: "v2", as: String?.self).flatMap(UUID.init(uuidString:)),
                      let organization = try row.decode(column: "v3", as: String?.self).flatMap(UUID.init(uuidString:)) else { return nil }
                identity = (account, person, organization, try row.decode(column: "v4", as: String.self), try row.decode(column: "v5", as: String.self),
                            try row.decode(column: "v6", as: String?.self), try row.decode(column: "v7", as: String.self),
                            try row.decode(column: "v8", as: String.self), Int(try row.decode(column: "v9", as: String.self)) ?? 0,
                            CrisisContacts.resolve(country: try row.decode(column: "v10", as: String?.self).flatMap(Country.init(rawValue:)) ?? .norway,
                                                   emergency: try row.decode(column: "v11", as: String?.self),
                                                   outOfHours: try row.decode(column: "v12", as: String?.self)),
                            try row.decode(column: "v13", as: String?.self).flatMap(UUID.init(uuidString:)),
                            try row.decode(column: "v14", as: String?.self) == "stale")
            case "role":
                // A role this code does not know is not granted: access is never guessed.
                if let role = value.flatMap(Role.init(rawValue:)) { roles.insert(role) }
            case "scope":
                if let unit = value.flatMap(UUID.init(uuidString:)) { scope.insert(unit) }
            default:
                if let unit = value.flatMap(UUID.init(uuidString:)) { ownUnits.insert(unit) }
            }
        }
        guard let identity else { return nil }
        return CurrentUser(
            accountID: identity.account,
            personID: identity.person,
            organizationID: identity.organization,
            name: identity.name,
            username: identity.username,
            roles: roles,
            actor: Actor(personID: identity.person, organizationID: identity.organization, roles: roles, leaderScope: scope),
            preferredLanguage: identity.preferred.flatMap(AppLanguage.init(rawValue:)),
            organizationLanguage: AppLanguage(rawValue: identity.language) ?? .en,
            timeZone: TimeZone(identifier: identity.zone) ?? .defaultForOrganizations,
            ownUnits: ownUnits,
            unreadMessages: identity.unread,
            crisisContacts: identity.crisis,
            tokenID: identity.token,
            lastSeenIsStale: identity.stale)
    }
}

extension Request {
    private struct CurrentUserKey: StorageKey {
        typealias Value = CurrentUser
    }

    var currentUser: CurrentUser? {
        get { storage[CurrentUserKey.self] }
        set { storage[CurrentUserKey.self] = newValue }
    }

    func requireUser() throws -> CurrentUser {
        guard let user = currentUser else { throw Abort(.unauthorized) }
        return user
    }
}
