import Fluent
import SQLKit

/// Check-ins on a pathway, planned when it opens: when each falls due, with which instrument, and whether the
/// person answered or skipped it; and the answers, one row per item, which belong to the person alone.
struct CreateCheckIns: AsyncMigration {
    var name: String { "031_CreateCheckIns" }

    func prepare(on database: any Database) async throws {
        func scoped(_ table: String) -> SchemaBuilder {
            database.schema(table).id().field("organization_id", .uuid, .required, .references(Organization.schema, .id))
        }
        try await scoped(CheckInSchema.checkIns)
            .field("case_id", .uuid, .required, .references(Case.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("instrument", .string, .required)
            .field("due_at", .datetime, .required)
            .field("status", .string, .required)
            .field("answered_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("version", .int, .required, .sql(.default(0)))
            .unique(on: "case_id", "due_at")
            .create()
        try await scoped(CheckInSchema.answers)
            .field("check_in_id", .uuid, .required, .references(CheckInSchema.checkIns, .id))
            .field("item_key", .string, .required)
            .field("value", .int, .required)
            .unique(on: "check_in_id", "item_key")
            .create()
        try await database.sql().raw("CREATE INDEX check_ins_by_person ON check_ins (organization_id, person_id, due_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CheckInSchema.answers).delete()
        try await database.schema(CheckInSchema.checkIns).delete()
    }
}
