import Fluent
import SQLKit

/// A version on each case and step, so a change is conditional on the state it was decided from.
struct AddVersionToCasesAndSteps: AsyncMigration {
    var name: String { "014_AddVersionToCasesAndSteps" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Case.schema).field("version", .int, .required, .sql(.default(0))).update()
        try await database.schema(StepRecord.schema).field("version", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StepRecord.schema).deleteField("version").update()
        try await database.schema(Case.schema).deleteField("version").update()
    }
}
