import Fluent
import SQLKit

struct CreatePathwayStep: AsyncMigration {
    var name: String { "007_CreatePathwayStep" }

    func prepare(on database: any Database) async throws {
        try await database.schema(StepRecord.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("case_id", .uuid, .required, .references(Case.schema, .id))
            .field("key", .string, .required)
            .field("phase", .string, .required)
            .field("position", .int, .required)
            .field("status", .string, .required)
            .field("due_at", .datetime)
            .field("done_at", .datetime)
            .field("done_by", .uuid, .references(Person.schema, .id))
            .field("recommended", .bool, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "case_id", "key")
            .create()
        let sql = try database.sql()
        try await sql.create(index: "steps_org_due").on(StepRecord.schema).column("organization_id").column("due_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StepRecord.schema).delete()
    }
}
