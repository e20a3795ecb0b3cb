import Fluent
import SQLKit

struct CreateAuditEntry: AsyncMigration {
    var name: String { "008_CreateAuditEntry" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("actor_person_id", .uuid)
            .field("action", .string, .required)
            .field("object_type", .string, .required)
            .field("object_id", .uuid)
            .field("subject_person_id", .uuid)
            .field("at", .datetime, .required)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "audit_org_subject").on(AuditEntry.schema).column("organization_id").column("subject_person_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).delete()
    }
}
