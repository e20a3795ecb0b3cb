import Fluent
import SQLKit

/// One account per person: two administrators inviting the same person at once must not give them two.
struct AddOneAccountPerPerson: AsyncMigration {
    var name: String { "044_AddOneAccountPerPerson" }

    func prepare(on database: any Database) async throws {
        try await database.sql().raw("CREATE UNIQUE INDEX accounts_one_per_person ON accounts (organization_id, person_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX accounts_one_per_person").run()
    }
}
