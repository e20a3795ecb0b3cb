import Fluent
import SQLKit

/// How long a chosen supporter has to answer is the organization's choice; until a coordinator sets it, the
/// half hour the scheme started with.
struct AddSupportResponseTimeToOrganizations: AsyncMigration {
    var name: String { "023_AddSupportResponseTimeToOrganizations" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Organization.schema).field("support_response_minutes", .int, .required, .sql(.default(30))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Organization.schema).deleteField("support_response_minutes").update()
    }
}
