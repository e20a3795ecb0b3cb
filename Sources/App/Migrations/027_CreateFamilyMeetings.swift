import Fluent
import SQLKit

/// The review's conclusion about the service, and the meeting with the patient and family: when, apology or
/// regret, who attended by role, the employee's support person, and which adopted proposals the family heard
/// about. No patient identity has a column.
struct CreateFamilyMeetings: AsyncMigration {
    var name: String { "027_CreateFamilyMeetings" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ReviewSchema.reviews).field("conclusion", .string).update()
        func scoped(_ table: String) -> SchemaBuilder {
            database.schema(table).id().field("organization_id", .uuid, .required, .references(Organization.schema, .id))
        }
        try await scoped(ReviewSchema.familyMeetings)
            .field("event_id", .uuid, .required, .references(Event.schema, .id))
            .field("held_at", .datetime, .required)
            .field("kind", .string, .required)
            .field("support_person_id", .uuid, .references(Person.schema, .id))
            .field("recorded_by", .uuid, .required, .references(Person.schema, .id))
            .field("recorded_at", .datetime, .required)
            .create()
        try await scoped(ReviewSchema.familyAttendees)
            .field("meeting_id", .uuid, .required, .references(ReviewSchema.familyMeetings, .id))
            .field("role", .string, .required)
            .unique(on: "meeting_id", "role")
            .create()
        try await scoped(ReviewSchema.familyProposals)
            .field("meeting_id", .uuid, .required, .references(ReviewSchema.familyMeetings, .id))
            .field("proposal_id", .uuid, .required, .references(ReviewSchema.proposals, .id))
            .unique(on: "meeting_id", "proposal_id")
            .create()
        try await database.sql().create(index: "family_meetings_org_event").on(ReviewSchema.familyMeetings).column("organization_id").column("event_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in [ReviewSchema.familyProposals, ReviewSchema.familyAttendees, ReviewSchema.familyMeetings] {
            try await database.schema(table).delete()
        }
        try await database.schema(ReviewSchema.reviews).deleteField("conclusion").update()
    }
}
