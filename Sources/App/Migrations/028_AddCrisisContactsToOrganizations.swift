import Fluent
import SQLKit

/// The crisis numbers a person is shown follow the organization's country, and the organization may set its
/// own (a Danish region's out-of-hours number). Existing organizations get the country their language names.
struct AddCrisisContactsToOrganizations: AsyncMigration {
    var name: String { "028_AddCrisisContactsToOrganizations" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema(Organization.schema).field("country", .string, .required, .sql(.default("NO"))).update()
        try await database.schema(Organization.schema).field("crisis_emergency_number", .string).update()
        try await database.schema(Organization.schema).field("crisis_out_of_hours_number", .string).update()
        try await database.sql().raw("UPDATE organizations SET country = 'DK' WHERE default_language = 'da'").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Organization.schema).deleteField("crisis_out_of_hours_number").update()
        try await database.schema(Organization.schema).deleteField("crisis_emergency_number").update()
        try await database.schema(Organization.schema).deleteField("country").update()
    }
}
