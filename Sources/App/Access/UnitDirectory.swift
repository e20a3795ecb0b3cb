import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

enum UnitDirectory {
    /// The organization's unit tree as child → parent, read in one query.
    static func parents(organizationID: UUID, on db: any Database) async throws -> [UUID: UUID?] {
        let rows = try await db.sql().select().column("id").column("parent_id").from(Unit.schema)
            .where("organization_id", .equal, organizationID).all()
        var parents: [UUID: UUID?] = [:]
        for row in rows {
            parents[try row.decode(column: "id", as: UUID.self)] = try row.decodeNil(column: "parent_id") ? nil : row.decode(column: "parent_id", as: UUID.self)
        }
        return parents
    }
}
