import Fluent
import SQLKit

/// An organization's own check-in schedule: the times after an event, one row each. None means the standard one.
struct CreateCheckInSchedules: AsyncMigration {
    var name: String { "034_CreateCheckInSchedules" }

    func prepare(on database: any Database) async throws {
        try await database.schema(CheckInSchedules.table).id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("position", .int, .required)
            .field("offset_code", .string, .required)
            .unique(on: "organization_id", "position")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CheckInSchedules.table).delete()
    }
}
