import Fluent

struct CreateAccount: AsyncMigration {
    var name: String { "004_CreateAccount" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Account.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("username", .string, .required)
            .field("password_hash", .string, .required)
            .field("roles", .string, .required)
            .unique(on: "username")
            .create()
        try await database.schema(LeaderScope.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("account_id", .uuid, .required, .references(Account.schema, .id))
            .field("unit_id", .uuid, .required, .references(Unit.schema, .id))
            .unique(on: "account_id", "unit_id")
            .create()
        try await database.schema(AuthToken.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("account_id", .uuid, .required, .references(Account.schema, .id))
            .field("token_hash", .string, .required)
            .field("kind", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuthToken.schema).delete()
        try await database.schema(LeaderScope.schema).delete()
        try await database.schema(Account.schema).delete()
    }
}
