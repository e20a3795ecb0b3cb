import Fluent
import SQLKit

/// The leader's records on a pathway: that they were in touch, the follow-up meetings with the subjects they
/// covered, and the adjustments with their review dates. Dates and choices from lists only.
struct CreateFollowUpRecords: AsyncMigration {
    var name: String { "025_CreateFollowUpRecords" }

    func prepare(on database: any Database) async throws {
        func scoped(_ table: String) -> SchemaBuilder {
            database.schema(table).id().field("organization_id", .uuid, .required, .references(Organization.schema, .id))
        }
        try await scoped(FollowUpSchema.contacts)
            .field("case_id", .uuid, .required, .references(Case.schema, .id))
            .field("contact_on", .datetime, .required)
            .field("channel", .string, .required)
            .field("logged_by", .uuid, .required, .references(Person.schema, .id))
            .field("logged_at", .datetime, .required)
            .create()
        try await scoped(FollowUpSchema.meetings)
            .field("case_id", .uuid, .required, .references(Case.schema, .id))
            .field("held_on", .datetime, .required)
            .field("next_at", .datetime)
            .field("logged_by", .uuid, .required, .references(Person.schema, .id))
            .field("logged_at", .datetime, .required)
            .create()
        try await scoped(FollowUpSchema.meetingTopics)
            .field("meeting_id", .uuid, .required, .references(FollowUpSchema.meetings, .id))
            .field("topic", .string, .required)
            .unique(on: "meeting_id", "topic")
            .create()
        try await scoped(FollowUpSchema.adjustments)
            .field("case_id", .uuid, .required, .references(Case.schema, .id))
            .field("kind", .string, .required)
            .field("starts_on", .datetime, .required)
            .field("review_on", .datetime, .required)
            .field("logged_by", .uuid, .required, .references(Person.schema, .id))
            .field("logged_at", .datetime, .required)
            .create()
        let sql = try database.sql()
        for (index, table, columns) in [
            ("leader_contacts_org_case", FollowUpSchema.contacts, ["organization_id", "case_id"]),
            ("follow_up_meetings_org_case", FollowUpSchema.meetings, ["organization_id", "case_id"]),
            ("follow_up_meeting_topics_org_meeting", FollowUpSchema.meetingTopics, ["organization_id", "meeting_id"]),
            ("adjustments_org_case", FollowUpSchema.adjustments, ["organization_id", "case_id"]),
        ] {
            var create = sql.create(index: index).on(table)
            for column in columns { create = create.column(column) }
            try await create.run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in [FollowUpSchema.adjustments, FollowUpSchema.meetingTopics, FollowUpSchema.meetings, FollowUpSchema.contacts] {
            try await database.schema(table).delete()
        }
    }
}
