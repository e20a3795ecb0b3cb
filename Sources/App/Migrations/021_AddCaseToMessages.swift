import Fluent
import SQLKit

/// A message names the pathway it is about, so the inbox can say for which event (by kind and date) without
/// copying anything of the event into the message.
struct AddCaseToMessages: AsyncMigration {
    var name: String { "021_AddCaseToMessages" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Message.schema).field("case_id", .uuid, .references(Case.schema, .id)).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Message.schema).deleteField("case_id").update()
    }
}
