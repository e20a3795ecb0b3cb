import Fluent
import SQLKit

struct CreateEvent: AsyncMigration {
    var name: String { "005_CreateEvent" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Event.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("unit_id", .uuid, .required, .references(Unit.schema, .id))
            .field("kind", .string, .required)
            .field("severity", .string, .required)
            .field("occurred_at", .datetime, .required)
            .field("summary", .string, .required)
            .field("incident_report_ref", .string)
            .field("tags", .string, .required)
            .field("defusing_recommended_by", .string, .required)
            .field("registered_by", .uuid, .required, .references(Person.schema, .id))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(ImmediateChecklist.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("event_id", .uuid, .required, .references(Event.schema, .id))
            .field("patient_safe", .bool, .required)
            .field("staff_safe", .bool, .required)
            .field("premises_safe", .bool, .required)
            .field("everyone_informed", .bool, .required)
            .field("relieved_person_ids", .string, .required)
            .unique(on: "event_id")
            .create()
        try await database.schema(DefusingTriggerRuleRecord.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("unit_id", .uuid, .references(Unit.schema, .id))
            .field("name", .string, .required)
            .field("kinds", .string, .required)
            .field("minimum_severity", .string)
            .field("tags", .string, .required)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "events_org_occurred").on(Event.schema).column("organization_id").column("occurred_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DefusingTriggerRuleRecord.schema).delete()
        try await database.schema(ImmediateChecklist.schema).delete()
        try await database.schema(Event.schema).delete()
    }
}
