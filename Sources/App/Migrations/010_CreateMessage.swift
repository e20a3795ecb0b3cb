import Fluent
import SQLKit

struct CreateMessage: AsyncMigration {
    var name: String { "010_CreateMessage" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Message.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("recipient_person_id", .uuid, .required, .references(Person.schema, .id))
            .field("kind", .string, .required)
            .field("link_path", .string, .required)
            .field("idempotency_key", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .unique(on: "idempotency_key")
            .create()
        try await database.sql().create(index: "messages_org_recipient").on(Message.schema)
            .column("organization_id").column("recipient_person_id").column("read_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Message.schema).delete()
    }
}
