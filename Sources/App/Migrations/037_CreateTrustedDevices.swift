import Fluent

/// Browsers an account has signed in on: their logins count against the device alone (see `LoginThrottle`).
/// Only a hash of the device's token is kept.
struct CreateTrustedDevices: AsyncMigration {
    var name: String { "037_CreateTrustedDevices" }

    func prepare(on database: any Database) async throws {
        try await database.schema(TrustedDevices.table).id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("account_id", .uuid, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TrustedDevices.table).delete()
    }
}
