import Domain
import Fluent
import Foundation
import SQLKit

enum Leaders {
    /// The unit tree and who leads what: enough to find anyone's nearest leader in memory.
    struct Map: Sendable {
        let parents: [UUID: UUID?]
        let leadersByUnit: [UUID: Set<UUID>]

        func nearest(to person: UUID, units: Set<UUID>) -> UUID? {
            NearestLeader.find(from: units, parents: parents, leadersByUnit: leadersByUnit, excluding: person)
        }
    }

    /// The person's nearest leader (see `NearestLeader`), from two queries: the unit tree, and who leads what.
    static func nearest(to person: UUID, organizationID: UUID, on db: any Database) async throws -> UUID? {
        let units = try await PersonUnit.query(on: db).filter(\.$organizationID == organizationID).filter(\.$personID == person).all()
        return try await nearest(to: person, units: Set(units.map(\.unitID)), organizationID: organizationID, on: db)
    }

    static func nearest(to person: UUID, units: Set<UUID>, organizationID: UUID, on db: any Database) async throws -> UUID? {
        try await map(organizationID: organizationID, on: db).nearest(to: person, units: units)
    }

    /// Only active people lead: someone HR no longer has keeps no one.
    static func map(organizationID: UUID, on db: any Database) async throws -> Map {
        let parents = try await UnitDirectory.parents(organizationID: organizationID, on: db)
        // Each row is one role of one account that leads a unit; the roles are gathered per account before the
        // access rule decides whether the account leads at all.
        let rows = try await db.sql().raw("""
            SELECT ls.unit_id, a.id AS account_id, a.person_id, r.role
            FROM leader_scopes ls
            JOIN accounts a ON a.id = ls.account_id AND a.organization_id = ls.organization_id
            JOIN people p ON p.id = a.person_id AND p.organization_id = a.organization_id AND p.active = \(bind: true)
            JOIN account_roles r ON r.account_id = a.id AND r.organization_id = a.organization_id
            WHERE ls.organization_id = \(bind: organizationID)
            """).all()
        var roles: [UUID: Set<Role>] = [:]
        var scopes: [(account: UUID, person: UUID, unit: UUID)] = []
        for row in rows {
            let account = try row.decode(column: "account_id", as: UUID.self)
            roles[account, default: [.involved]].insert(try row.decode(column: "role", as: Role.self))
            scopes.append((account, try row.decode(column: "person_id", as: UUID.self), try row.decode(column: "unit_id", as: UUID.self)))
        }
        var leadersByUnit: [UUID: Set<UUID>] = [:]
        for scope in scopes where AccessPolicy.holdsLeaderRole(roles[scope.account] ?? []) {
            leadersByUnit[scope.unit, default: []].insert(scope.person)
        }
        return Map(parents: parents, leadersByUnit: leadersByUnit)
    }
}
