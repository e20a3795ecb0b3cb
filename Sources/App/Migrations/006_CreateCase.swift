import Fluent
import SQLKit

struct CreateCase: AsyncMigration {
    var name: String { "006_CreateCase" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Case.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("event_id", .uuid, .references(Event.schema, .id))
            .field("owner_id", .uuid, .references(Person.schema, .id))
            .field("status", .string, .required)
            .field("opened_at", .datetime, .required)
            .field("closed_at", .datetime)
            .field("prefers_outside_unit", .bool, .required)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "cases_org_person").on(Case.schema).column("organization_id").column("person_id").run()
        try await sql.create(index: "cases_org_owner").on(Case.schema).column("organization_id").column("owner_id").run()
        try await sql.create(index: "cases_org_event").on(Case.schema).column("organization_id").column("event_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Case.schema).delete()
    }
}
