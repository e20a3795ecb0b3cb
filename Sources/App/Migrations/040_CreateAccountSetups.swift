import Fluent

/// One-time links where a new account's holder chooses their own password. Only a hash of the link's token is
/// kept; a link is good for a day and once.
struct CreateAccountSetups: AsyncMigration {
    var name: String { "040_CreateAccountSetups" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AccountSetups.table).id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("account_id", .uuid, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AccountSetups.table).delete()
    }
}
