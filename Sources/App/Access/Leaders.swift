import Domain
import Fluent
import Foundation
import SQLKit

enum Leaders {
    /// The person's nearest leader (see `NearestLeader`), from two queries: the unit tree, and who leads what.
    static func nearest(to person: UUID, organizationID: UUID, on db: any Database) async throws -> UUID? {
        let units = try await PersonUnit.query(on: db).filter(\.$organizationID == organizationID).filter(\.$personID == person).all()
        return try await nearest(to: person, units: Set(units.map(\.unitID)), organizationID: organizationID, on: db)
    }

    static func nearest(to person: UUID, units: Set<UUID>, organizationID: UUID, on db: any Database) async throws -> UUID? {
        let parents = try await UnitDirectory.parents(organizationID: organizationID, on: db)
        let rows = try await db.sql().select()
            .column(SQLColumn("unit_id", table: LeaderScope.schema)).column(SQLColumn("person_id", table: Account.schema))
            .column(SQLColumn("roles", table: Account.schema))
            .from(LeaderScope.schema)
            .join(Account.schema, on: SQLColumn("account_id", table: LeaderScope.schema), .equal, SQLColumn("id", table: Account.schema))
            .where(SQLColumn("organization_id", table: LeaderScope.schema), .equal, SQLBind(organizationID))
            .where(SQLColumn("organization_id", table: Account.schema), .equal, SQLBind(organizationID))
            .all()
        var leadersByUnit: [UUID: Set<UUID>] = [:]
        for row in rows {
            let roles = try row.decode(column: "roles", as: String.self).split(separator: ",").compactMap { Role(rawValue: String($0)) }
            guard AccessPolicy.holdsLeaderRole(Set(roles)) else { continue }
            leadersByUnit[try row.decode(column: "unit_id", as: UUID.self), default: []].insert(try row.decode(column: "person_id", as: UUID.self))
        }
        return NearestLeader.find(from: units, parents: parents, leadersByUnit: leadersByUnit, excluding: person)
    }
}
