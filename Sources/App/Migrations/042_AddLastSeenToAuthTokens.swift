import Fluent

/// When a session or token was last used, for the idle timeout, and a coarse name of its device (browser and
/// system), so a person can tell their sessions apart and end the ones they do not know.
struct AddLastSeenToAuthTokens: AsyncMigration {
    var name: String { "042_AddLastSeenToAuthTokens" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column at a time.
        try await database.schema(AuthToken.schema).field("last_seen_at", .datetime).update()
        try await database.schema(AuthToken.schema).field("device_browser", .string).update()
        try await database.schema(AuthToken.schema).field("device_system", .string).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["device_system", "device_browser", "last_seen_at"] {
            try await database.schema(AuthToken.schema).deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
