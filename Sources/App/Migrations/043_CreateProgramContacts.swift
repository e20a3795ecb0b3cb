import Fluent

/// The people the organization names as its program's contacts: an overdue step whose owner has no leader
/// above them is brought to them, so it is never only written in a log.
struct CreateProgramContacts: AsyncMigration {
    var name: String { "043_CreateProgramContacts" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ProgramContacts.table).id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("created_at", .datetime, .required)
            .unique(on: "organization_id", "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProgramContacts.table).delete()
    }
}
