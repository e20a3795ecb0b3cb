import Fluent

struct CreateOrganization: AsyncMigration {
    var name: String { "001_CreateOrganization" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Organization.schema)
            .id()
            .field("organization_id", .uuid, .required)
            .field("name", .string, .required)
            .field("time_zone", .string, .required)
            .field("default_language", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Organization.schema).delete()
    }
}
