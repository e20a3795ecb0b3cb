import Domain
import Fluent
import Foundation
import SQLKit

/// What the administrator sees of the organization: its units as a tree with their leaders and head counts, and
/// its people with their units, usernames and roles. Never a pathway, a request or a check-in.
enum OrganizationDirectory {
    struct UnitNode: Sendable {
        let id: UUID
        let name: String
        let parentID: UUID?
        let leaders: [String]
        let people: Int
    }

    struct PersonRow: Sendable {
        let id: UUID
        let name: String
        let username: String?
        let units: [String]
        let roles: [Role]
        let twoFactorOn: Bool
        var active = true
    }

    /// Every unit in two queries, whatever the size of the tree.
    static func units(organizationID: UUID, on db: any Database) async throws -> [UnitNode] {
        let rows = try await db.sql().raw("""
            SELECT u.id, u.name, u.parent_id,
              (SELECT COUNT(*) FROM person_units pu WHERE pu.organization_id = u.organization_id AND pu.unit_id = u.id) AS people
            FROM units u WHERE u.organization_id = \(bind: organizationID) ORDER BY u.name, u.id LIMIT 5000
            """).all()
        var leaders: [UUID: [String]] = [:]
        for row in try await db.sql().raw("""
            SELECT ls.unit_id, p.name FROM leader_scopes ls
            JOIN accounts a ON a.id = ls.account_id AND a.organization_id = ls.organization_id
            JOIN people p ON p.id = a.person_id AND p.organization_id = a.organization_id
            WHERE ls.organization_id = \(bind: organizationID) ORDER BY p.name
            """).all() {
            leaders[try row.decode(column: "unit_id", as: UUID.self), default: []].append(try row.decode(column: "name", as: String.self))
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return UnitNode(id: id, name: try row.decode(column: "name", as: String.self), parentID: try row.decode(column: "parent_id", as: UUID?.self),
                            leaders: leaders[id] ?? [], people: try row.decode(column: "people", as: Int.self))
        }
    }

    static let pageSize = 25

    /// A page of people whose name or username contains `search` (any case), in three queries.
    static func people(organizationID: UUID, search: String?, page: Int, on db: any Database) async throws -> (people: [PersonRow], hasMore: Bool) {
        let pattern = search.map { "%" + $0.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%" }
        let filter: SQLQueryString = pattern.map {
            "AND (LOWER(p.name) LIKE \(bind: $0) ESCAPE '\\' OR LOWER(COALESCE(a.username, '')) LIKE \(bind: $0) ESCAPE '\\')"
        } ?? ""
        let fetched = try await db.sql().raw("""
            SELECT p.id, p.name, p.active, a.id AS account_id, a.username, tf.id AS two_factor_id FROM people p
            LEFT JOIN accounts a ON a.person_id = p.id AND a.organization_id = p.organization_id
            LEFT JOIN two_factor_credentials tf ON tf.account_id = a.id AND tf.organization_id = a.organization_id AND tf.confirmed_at IS NOT NULL
            WHERE p.organization_id = \(bind: organizationID) \(filter)
            ORDER BY p.name, p.id
            LIMIT \(bind: pageSize + 1) OFFSET \(bind: (page - 1) * pageSize)
            """).all()
        let rows = Array(fetched.prefix(pageSize))
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        let accounts = try rows.compactMap { try $0.decode(column: "account_id", as: UUID?.self) }
        var units: [UUID: [String]] = [:]
        var roles: [UUID: [Role]] = [:]
        if !ids.isEmpty {
            for row in try await db.sql().raw("""
                SELECT pu.person_id, u.name FROM person_units pu JOIN units u ON u.id = pu.unit_id AND u.organization_id = pu.organization_id
                WHERE pu.organization_id = \(bind: organizationID) AND pu.person_id IN (\(binds: ids)) ORDER BY u.name
                """).all() {
                units[try row.decode(column: "person_id", as: UUID.self), default: []].append(try row.decode(column: "name", as: String.self))
            }
        }
        if !accounts.isEmpty {
            for row in try await db.sql().raw("""
                SELECT account_id, role FROM account_roles WHERE organization_id = \(bind: organizationID) AND account_id IN (\(binds: accounts))
                """).all() {
                if let role = Role(rawValue: try row.decode(column: "role", as: String.self)) {
                    roles[try row.decode(column: "account_id", as: UUID.self), default: []].append(role)
                }
            }
        }
        let people = try rows.map { row in
            let account = try row.decode(column: "account_id", as: UUID?.self)
            let id = try row.decode(column: "id", as: UUID.self)
            return PersonRow(id: id, name: try row.decode(column: "name", as: String.self), username: try row.decode(column: "username", as: String?.self),
                             units: units[id] ?? [], roles: account.flatMap { roles[$0] }?.sorted { $0.rawValue < $1.rawValue } ?? [],
                             twoFactorOn: try row.decode(column: "two_factor_id", as: UUID?.self) != nil,
                             active: try row.decode(column: "active", as: Bool.self))
        }
        return (people, fetched.count > pageSize)
    }
}
