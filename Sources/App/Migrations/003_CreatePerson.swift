import Fluent
import SQLKit

struct CreatePerson: AsyncMigration {
    var name: String { "003_CreatePerson" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Person.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("name", .string, .required)
            .field("profession", .string, .required)
            .field("preferred_language", .string)
            .create()
        try await database.schema(PersonUnit.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("unit_id", .uuid, .required, .references(Unit.schema, .id))
            .unique(on: "person_id", "unit_id")
            .create()
        let sql = try database.sql()
        try await sql.create(index: "people_org_name").on(Person.schema).column("organization_id").column("name").run()
        try await sql.create(index: "person_units_org_unit").on(PersonUnit.schema).column("organization_id").column("unit_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PersonUnit.schema).delete()
        try await database.schema(Person.schema).delete()
    }
}
