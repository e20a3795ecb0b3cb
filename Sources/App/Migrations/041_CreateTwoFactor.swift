import Fluent

/// Two-factor sign-in: each account's authenticator secret (confirmed once a code from it was typed, with the
/// last time step taken, so no code is taken twice) and its recovery codes, kept as hashes.
struct CreateTwoFactor: AsyncMigration {
    var name: String { "041_CreateTwoFactor" }

    func prepare(on database: any Database) async throws {
        try await database.schema(TwoFactorCredentials.credentials).id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("account_id", .uuid, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("secret", .string, .required)
            .field("created_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .field("last_step", .int64)
            .unique(on: "account_id")
            .create()
        try await database.schema(TwoFactorCredentials.recoveryCodes).id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("account_id", .uuid, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("used_at", .datetime)
            .unique(on: "account_id", "code_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TwoFactorCredentials.recoveryCodes).delete()
        try await database.schema(TwoFactorCredentials.credentials).delete()
    }
}
