import Fluent
import SQLKit

/// A defusing conversation as its leader records it: when and how long, a short fact timeline, the reminders
/// given, and each participant's three answers. Nothing about anyone's feelings has a column.
struct CreateDefusingConversations: AsyncMigration {
    var name: String { "024_CreateDefusingConversations" }

    func prepare(on database: any Database) async throws {
        func scoped(_ table: String) -> SchemaBuilder {
            database.schema(table).id().field("organization_id", .uuid, .required, .references(Organization.schema, .id))
        }
        try await scoped(DefusingSchema.conversations)
            .field("event_id", .uuid, .required, .references(Event.schema, .id))
            .field("held_by", .uuid, .required, .references(Person.schema, .id))
            .field("held_at", .datetime, .required)
            .field("duration_minutes", .int, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        try await scoped(DefusingSchema.facts)
            .field("conversation_id", .uuid, .required, .references(DefusingSchema.conversations, .id))
            .field("position", .int, .required)
            .field("at", .datetime, .required)
            .field("fact", .string, .required)
            .create()
        try await scoped(DefusingSchema.reminders)
            .field("conversation_id", .uuid, .required, .references(DefusingSchema.conversations, .id))
            .field("reminder", .string, .required)
            .unique(on: "conversation_id", "reminder")
            .create()
        try await scoped(DefusingSchema.participants)
            .field("conversation_id", .uuid, .required, .references(DefusingSchema.conversations, .id))
            .field("event_id", .uuid, .required, .references(Event.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("wants_colleague", .bool, .required)
            .field("practical_help", .string)
            .field("has_someone_tonight", .bool, .required)
            // One conversation per person and event: the others' step follows the one they took part in.
            .unique(on: "event_id", "person_id")
            .create()
        let sql = try database.sql()
        for (index, table, columns) in [
            ("defusing_conversations_org_event", DefusingSchema.conversations, ["organization_id", "event_id"]),
            ("defusing_facts_org_conversation", DefusingSchema.facts, ["organization_id", "conversation_id"]),
            ("defusing_reminders_org_conversation", DefusingSchema.reminders, ["organization_id", "conversation_id"]),
            ("defusing_participants_org_event", DefusingSchema.participants, ["organization_id", "event_id"]),
        ] {
            var create = sql.create(index: index).on(table)
            for column in columns { create = create.column(column) }
            try await create.run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in [DefusingSchema.participants, DefusingSchema.reminders, DefusingSchema.facts, DefusingSchema.conversations] {
            try await database.schema(table).delete()
        }
    }
}
