import Fluent
import SQLKit

struct CreateJob: AsyncMigration {
    var name: String { "009_CreateJob" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Job.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("status", .string, .required)
            .field("due_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("leased_until", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("finished_at", .datetime)
            .create()
        try await database.sql().create(index: "jobs_status_due").on(Job.schema).column("status").column("due_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Job.schema).delete()
    }
}
