import Fluent
import SQLKit

/// The one table without an organization: it describes the running processes, not anyone's data.
struct CreateWorkerHeartbeat: AsyncMigration {
    var name: String { "013_CreateWorkerHeartbeat" }

    func prepare(on database: any Database) async throws {
        try await database.schema(WorkerHeartbeat.schema)
            .field("id", .string, .identifier(auto: false))
            .field("started_at", .datetime, .required)
            .field("seen_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WorkerHeartbeat.schema).delete()
    }
}
