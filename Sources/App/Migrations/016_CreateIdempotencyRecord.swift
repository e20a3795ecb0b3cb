import Fluent
import SQLKit

/// One row per creating request that carried a key (an API `Idempotency-Key` or a form's one-time key),
/// stored with what it created, so a repeat gets the first answer instead of a second object.
struct CreateIdempotencyRecord: AsyncMigration {
    var name: String { "016_CreateIdempotencyRecord" }

    func prepare(on database: any Database) async throws {
        try await database.schema(IdempotencyRecord.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("account_id", .uuid, .required, .references(Account.schema, .id))
            .field("scope", .string, .required)
            .field("key", .string, .required)
            .field("request_hash", .string, .required)
            .field("status", .int, .required)
            .field("location", .string)
            .field("body", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "organization_id", "account_id", "scope", "key")
            .create()
        try await database.sql().create(index: "idempotency_org_created").on(IdempotencyRecord.schema)
            .column("organization_id").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IdempotencyRecord.schema).delete()
    }
}
