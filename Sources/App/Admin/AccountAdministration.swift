import Domain
import Fluent
import Foundation
import SQLKit

/// One person as the administrator manages them: their roles, the units they lead, and whether they are
/// active. Never anything of their pathways, requests or check-ins. Every change is conditional on the state
/// the page showed, audited, and a role or scope given is told to the coordinators.
enum AccountAdministration {
    enum Failure: Error, Equatable {
        case forbidden
        case notFound
        /// Their own roles, scope or state: another administrator decides those.
        case ownAccess
        /// Changed since the page was read (another administrator, another tab, an import).
        case changedMeanwhile
        /// Roles and scopes belong to an account: invite them first.
        case noAccount
    }

    struct Managed: Sendable {
        let personID: UUID
        let name: String
        let employeeNumber: String?
        let email: String?
        let active: Bool
        let units: [String]
        let accountID: UUID?
        let username: String?
        let roles: Set<Role>
        /// Scopes given here, by unit id; HR's are shown apart, by unit name, and follow the file.
        let manualScopes: Set<UUID>
        let hrScopes: [String]
        /// What a change is conditional on.
        var version: String {
            Tokens.hash(([active ? "active" : "inactive"] + roles.map(\.rawValue).sorted() + manualScopes.map(\.uuidString).sorted() + hrScopes.sorted())
                .joined(separator: "|"))
        }
    }

    static func load(_ personID: UUID, in context: ServiceContext) async throws -> Managed {
        guard AccessPolicy.mayAdministerOrganization(context.user.actor) else { throw Failure.forbidden }
        let managed = try await read(personID, organizationID: context.user.organizationID, on: context.db)
        try await context.audit(.read, "account", id: managed.accountID, subject: personID)
        return managed
    }

    /// The person with everything the page shows, in three queries.
    static func read(_ personID: UUID, organizationID: UUID, on db: any Database) async throws -> Managed {
        let sql = try db.sql()
        guard let row = try await sql.raw("""
            SELECT p.name, p.employee_number, p.email, p.active, a.id AS account_id, a.username FROM people p
            LEFT JOIN accounts a ON a.person_id = p.id AND a.organization_id = p.organization_id
            WHERE p.organization_id = \(bind: organizationID) AND p.id = \(bind: personID)
            """).first() else { throw Failure.notFound }
        let account = try row.decode(column: "account_id", as: UUID?.self)
        // Someone without an account has no roles or scopes to read; the id is never bound as NULL.
        let accountParts: SQLQueryString = account.map { account in """
            UNION ALL
            SELECT 'role', r.role, NULL, \(bind: false) FROM account_roles r
            WHERE r.organization_id = \(bind: organizationID) AND r.account_id = \(bind: account)
            UNION ALL
            SELECT 'scope', u.name, ls.unit_id, ls.from_hr FROM leader_scopes ls JOIN units u ON u.id = ls.unit_id AND u.organization_id = ls.organization_id
            WHERE ls.organization_id = \(bind: organizationID) AND ls.account_id = \(bind: account)
            """ } ?? ""
        let parts = try await sql.raw("""
            SELECT 'unit' AS part, u.name AS value, CAST(NULL AS \(unsafeRaw: uuidType(sql))) AS unit_id, \(bind: false) AS from_hr FROM person_units pu
            JOIN units u ON u.id = pu.unit_id AND u.organization_id = pu.organization_id
            WHERE pu.organization_id = \(bind: organizationID) AND pu.person_id = \(bind: personID)
            \(accountParts)
            """).all()
        var units: [String] = [], roles: Set<Role> = [], manual: Set<UUID> = [], hr: [String] = []
        for part in parts {
            let value = try part.decode(column: "value", as: String.self)
            switch try part.decode(column: "part", as: String.self) {
            case "unit": units.append(value)
            case "role": if let role = Role(rawValue: value) { roles.insert(role) }
            default:
                if try part.decode(column: "from_hr", as: Bool.self) { hr.append(value) }
                else if let unit = try part.decode(column: "unit_id", as: UUID?.self) { manual.insert(unit) }
            }
        }
        return Managed(personID: personID, name: try row.decode(column: "name", as: String.self),
                       employeeNumber: try row.decode(column: "employee_number", as: String?.self), email: try row.decode(column: "email", as: String?.self),
                       active: try row.decode(column: "active", as: Bool.self), units: units.sorted(), accountID: account,
                       username: try row.decode(column: "username", as: String?.self), roles: roles, manualScopes: manual, hrScopes: hr.sorted())
    }

    /// The type a NULL in a UUID column of a union takes: PostgreSQL wants it named.
    private static func uuidType(_ sql: any SQLDatabase) -> String { sql.dialect.name == "postgresql" ? "uuid" : "text" }

    /// Replaces the account's roles and the scopes given here. A role or scope it did not have is told to every
    /// coordinator, so a widening of who reads support data never goes unseen.
    static func saveAccess(_ personID: UUID, roles wanted: Set<Role>, scopes wantedScopes: Set<UUID>, expecting version: String,
                           in context: ServiceContext) async throws {
        guard AccessPolicy.mayAdministerOrganization(context.user.actor) else { throw Failure.forbidden }
        guard AccessPolicy.mayChangeAccess(of: personID, context.user.actor) else { throw Failure.ownAccess }
        let roles = wanted.intersection(AccessPolicy.grantableRoles)
        try await context.transaction { tx in
            let org = tx.user.organizationID
            try await tx.db.lockOrganization(org)
            let now = try await read(personID, organizationID: org, on: tx.db)
            guard let account = now.accountID else { throw Failure.noAccount }
            guard now.version == version else { throw Failure.changedMeanwhile }
            // Only this organization's units can be led.
            let known = try await tx.db.sql().raw("""
                SELECT id FROM units WHERE organization_id = \(bind: org) AND id IN (\(binds: Array(wantedScopes) + [UUID()]))
                """).all().map { try $0.decode(column: "id", as: UUID.self) }
            let scopes = Set(known)
            let sql = try tx.db.sql()
            try await sql.raw("DELETE FROM account_roles WHERE organization_id = \(bind: org) AND account_id = \(bind: account)").run()
            for role in roles.sorted(by: { $0.rawValue < $1.rawValue }) {
                try await AccountRole(id: tx.newID(), organizationID: org, accountID: account, role: role).create(on: tx.db)
            }
            try await sql.raw("""
                DELETE FROM leader_scopes WHERE organization_id = \(bind: org) AND account_id = \(bind: account) AND from_hr = \(bind: false)
                """).run()
            for unit in scopes.subtracting(try await hrScopeUnits(account, org, tx.db)) {
                try await LeaderScope(id: tx.newID(), organizationID: org, accountID: account, unitID: unit).create(on: tx.db)
            }
            try await tx.audit(.update, "account_roles", id: account, subject: personID)
            let widened = !roles.subtracting(now.roles).isEmpty || !scopes.subtracting(now.manualScopes).isEmpty
            if widened { try await tellCoordinators(about: personID, account: account, in: tx) }
        }
    }

    private static func hrScopeUnits(_ account: UUID, _ org: UUID, _ db: any Database) async throws -> Set<UUID> {
        Set(try await db.sql().raw("""
            SELECT unit_id FROM leader_scopes WHERE organization_id = \(bind: org) AND account_id = \(bind: account) AND from_hr = \(bind: true)
            """).all().map { try $0.decode(column: "unit_id", as: UUID.self) })
    }

    private static func tellCoordinators(about personID: UUID, account: UUID, in tx: ServiceContext) async throws {
        let coordinators = try await tx.db.sql().raw("""
            SELECT DISTINCT a.person_id FROM account_roles r JOIN accounts a ON a.id = r.account_id AND a.organization_id = r.organization_id
            JOIN people p ON p.id = a.person_id AND p.organization_id = a.organization_id AND p.active = \(bind: true)
            WHERE r.organization_id = \(bind: tx.user.organizationID) AND r.role = \(bind: Role.coordinator.rawValue)
            """).all().map { try $0.decode(column: "person_id", as: UUID.self) }
        let change = tx.newID()
        try await Messages.store(coordinators.map { coordinator in
            Messages.Outgoing(kind: "access_widened", urgency: .normal, recipient: coordinator, organizationID: tx.user.organizationID,
                              link: SiteRoute.inbox.path, key: "access_widened:\(change):\(coordinator)")
        }, context: tx)
    }

    /// Deactivates or reactivates someone by hand, conditional on the state the page showed. Deactivated people
    /// cannot sign in (their sessions end now), are offered to nobody and lead nobody; their history stays. For
    /// people from HR, the next import decides again.
    static func setActive(_ personID: UUID, _ active: Bool, expecting version: String, in context: ServiceContext) async throws {
        guard AccessPolicy.mayAdministerOrganization(context.user.actor) else { throw Failure.forbidden }
        guard AccessPolicy.mayChangeAccess(of: personID, context.user.actor) else { throw Failure.ownAccess }
        try await context.transaction { tx in
            let org = tx.user.organizationID
            try await tx.db.lockOrganization(org)
            let now = try await read(personID, organizationID: org, on: tx.db)
            guard now.version == version, now.active != active else { throw Failure.changedMeanwhile }
            try await tx.db.sql().raw("UPDATE people SET active = \(bind: active) WHERE organization_id = \(bind: org) AND id = \(bind: personID)").run()
            if !active, let account = now.accountID {
                try await tx.db.sql().raw("DELETE FROM auth_tokens WHERE organization_id = \(bind: org) AND account_id = \(bind: account)").run()
            }
            // A leader who leaves leaves nobody alone: their open pathways go to the nearest leader still there.
            if !active {
                try await PathwayHandover.reassign(organizationID: org, moved: [:], leaving: [personID], actor: tx.user.personID, key: tx.newID().uuidString,
                                                   outbox: tx)
            }
            try await tx.audit(.update, active ? "person_reactivated" : "person_deactivated", id: personID, subject: personID)
        }
    }

    /// The units a leader scope can name, by name, for the page's list.
    /// With HR's code where there is one, so two units of one name can be told apart.
    static func units(organizationID: UUID, on db: any Database) async throws -> [(id: UUID, name: String)] {
        try await db.sql().raw("SELECT id, name, code FROM units WHERE organization_id = \(bind: organizationID) ORDER BY name, id LIMIT 5000").all()
            .map { row in
                let name = try row.decode(column: "name", as: String.self)
                return (try row.decode(column: "id", as: UUID.self), try row.decode(column: "code", as: String?.self).map { "\(name) (\($0))" } ?? name)
            }
    }
}
