import Fluent
import SQLKit

/// The learning review of an event: who owns and who leads it, when, the involved people invited (each may
/// say no), and the improvement proposals with their answers.
struct CreateLearningReviews: AsyncMigration {
    var name: String { "026_CreateLearningReviews" }

    func prepare(on database: any Database) async throws {
        func scoped(_ table: String) -> SchemaBuilder {
            database.schema(table).id().field("organization_id", .uuid, .required, .references(Organization.schema, .id))
        }
        try await scoped(ReviewSchema.reviews)
            .field("event_id", .uuid, .required, .references(Event.schema, .id))
            .field("owner_id", .uuid, .required, .references(Person.schema, .id))
            .field("facilitator_id", .uuid, .required, .references(Person.schema, .id))
            .field("scheduled_at", .datetime, .required)
            .field("due_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "event_id")
            .create()
        try await scoped(ReviewSchema.invitations)
            .field("review_id", .uuid, .required, .references(ReviewSchema.reviews, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("declined_at", .datetime)
            .unique(on: "review_id", "person_id")
            .create()
        try await scoped(ReviewSchema.proposals)
            .field("review_id", .uuid, .required, .references(ReviewSchema.reviews, .id))
            .field("text", .string, .required)
            .field("proposed_by", .uuid, .required, .references(Person.schema, .id))
            .field("proposed_at", .datetime, .required)
            .field("answer_due", .datetime, .required)
            .field("answer", .string)
            .field("reason", .string)
            .field("answered_at", .datetime)
            .field("answered_by", .uuid, .references(Person.schema, .id))
            .field("version", .int, .required)
            .create()
        let sql = try database.sql()
        for (index, table, columns) in [
            ("learning_reviews_org_event", ReviewSchema.reviews, ["organization_id", "event_id"]),
            ("review_invitations_org_review", ReviewSchema.invitations, ["organization_id", "review_id"]),
            ("review_proposals_org_review", ReviewSchema.proposals, ["organization_id", "review_id"]),
            ("review_proposals_org_due", ReviewSchema.proposals, ["organization_id", "answer_due"]),
        ] {
            var create = sql.create(index: index).on(table)
            for column in columns { create = create.column(column) }
            try await create.run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in [ReviewSchema.proposals, ReviewSchema.invitations, ReviewSchema.reviews] {
            try await database.schema(table).delete()
        }
    }
}
