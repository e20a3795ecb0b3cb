import Fluent
import SQLKit

/// Several messages go out as one e-mail. The delivery that sends them first claims them for a while, so that
/// deliveries running at the same moment leave them alone; a claim that lapses (the sender crashed before the
/// SMTP server answered) lets them be sent after all.
struct AddEmailClaimToMessages: AsyncMigration {
    var name: String { "030_AddEmailClaimToMessages" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Message.schema).field("email_claimed_until", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Message.schema).deleteField("email_claimed_until").update()
    }
}
