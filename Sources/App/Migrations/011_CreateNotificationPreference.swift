import Fluent
import SQLKit

struct CreateNotificationPreference: AsyncMigration {
    var name: String { "011_CreateNotificationPreference" }

    func prepare(on database: any Database) async throws {
        try await database.schema(NotificationPreference.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("email_address", .string)
            .field("email_enabled", .bool, .required)
            .field("quiet_start", .int)
            .field("quiet_end", .int)
            .field("on_call", .bool, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "organization_id", "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(NotificationPreference.schema).delete()
    }
}
