import Fluent
import SQLKit

/// Signing in walks a leader's unit tree downwards on every request; without this index each level of that
/// walk read every unit of the organization (9,400 in a generated region).
struct IndexUnitsByParent: AsyncMigration {
    var name: String { "018_IndexUnitsByParent" }

    func prepare(on database: any Database) async throws {
        try await database.sql().create(index: "units_org_parent").on(Unit.schema).column("organization_id").column("parent_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "units_org_parent").run()
    }
}
