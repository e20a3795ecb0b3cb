import Fluent

struct CreateUnit: AsyncMigration {
    var name: String { "002_CreateUnit" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Unit.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("parent_id", .uuid, .references(Unit.schema, .id))
            .field("name", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Unit.schema).delete()
    }
}
