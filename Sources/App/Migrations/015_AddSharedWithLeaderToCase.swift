import Fluent
import SQLKit

/// Whether the person's leaders may know of the case at all. A self-referral is shared only when the person
/// chose to involve their leader; cases opened from an event are the leader's work from the start.
struct AddSharedWithLeaderToCase: AsyncMigration {
    var name: String { "015_AddSharedWithLeaderToCase" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Case.schema).field("shared_with_leader", .bool, .required, .sql(.default(true))).update()
        try await database.sql().raw("""
            UPDATE cases SET shared_with_leader = \(bind: false) WHERE event_id IS NULL AND owner_id IS NULL
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Case.schema).deleteField("shared_with_leader").update()
    }
}
