import Fluent
import SQLKit

/// What HR files bring: an employee number, an address, their manager and whether they are still employed; a code and the
/// leader HR names for each unit; which leader scopes came from HR (only those does the next file take away);
/// how this organization's HR titles map onto professions and how its export names its columns; and a file held
/// between its preview and its application.
struct AddHRImport: AsyncMigration {
    var name: String { "045_AddHRImport" }

    func prepare(on database: any Database) async throws {
        // SQLite alters one column at a time.
        try await database.schema(Person.schema).field("employee_number", .string).update()
        try await database.schema(Person.schema).field("email", .string).update()
        try await database.schema(Person.schema).field("active", .bool, .required, .sql(.default(true))).update()
        try await database.schema(Person.schema).field("manager_employee_number", .string).update()
        try await database.schema(Unit.schema).field("code", .string).update()
        try await database.schema(Unit.schema).field("leader_employee_number", .string).update()
        try await database.schema(LeaderScope.schema).field("from_hr", .bool, .required, .sql(.default(false))).update()
        let sql = try database.sql()
        try await sql.raw("CREATE UNIQUE INDEX people_employee_number ON people (organization_id, employee_number)").run()
        try await sql.raw("CREATE UNIQUE INDEX units_code ON units (organization_id, code)").run()
        try await database.schema(HRImports.professionMappings).id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("hr_title", .string, .required)
            .field("profession", .string, .required)
            .unique(on: "organization_id", "hr_title")
            .create()
        try await database.schema(HRImports.columns).id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("kind", .string, .required)
            .field("field", .string, .required)
            .field("column_name", .string, .required)
            .unique(on: "organization_id", "kind", "field")
            .create()
        try await database.schema(HRImports.staged).id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("kind", .string, .required)
            .field("content", .string, .required)
            .field("created_by_person_id", .uuid, .required, .references(Person.schema, .id))
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HRImports.staged).delete()
        try await database.schema(HRImports.columns).delete()
        try await database.schema(HRImports.professionMappings).delete()
        let sql = try database.sql()
        try await sql.raw("DROP INDEX units_code").run()
        try await sql.raw("DROP INDEX people_employee_number").run()
        try await database.schema(LeaderScope.schema).deleteField("from_hr").update()
        try await database.schema(Unit.schema).deleteField("leader_employee_number").update()
        try await database.schema(Unit.schema).deleteField("code").update()
        try await database.schema(Person.schema).deleteField("manager_employee_number").update()
        try await database.schema(Person.schema).deleteField("active").update()
        try await database.schema(Person.schema).deleteField("email").update()
        try await database.schema(Person.schema).deleteField("employee_number").update()
    }
}
