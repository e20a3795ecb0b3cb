import Fluent
import SQLKit

/// Mistakes can be put right. A person taken off an event keeps their pathway's history but is no longer one
/// of its involved (`left_event_at`); a step marked done keeps the status it had before, so the one who marked
/// it can undo that for a short while (`undo_status`); an event's corrections are conditional on its `version`.
struct AddCorrectionsToCasesAndSteps: AsyncMigration {
    var name: String { "029_AddCorrectionsToCasesAndSteps" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Case.schema).field("left_event_at", .datetime).update()
        try await database.schema(StepRecord.schema).field("undo_status", .string).update()
        try await database.schema(Event.schema).field("version", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Event.schema).deleteField("version").update()
        try await database.schema(StepRecord.schema).deleteField("undo_status").update()
        try await database.schema(Case.schema).deleteField("left_event_at").update()
    }
}
