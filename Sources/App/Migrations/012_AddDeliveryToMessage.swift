import Fluent
import SQLKit

struct AddDeliveryToMessage: AsyncMigration {
    var name: String { "012_AddDeliveryToMessage" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Message.schema)
            .field("urgency", .string, .required, .sql(.default("normal")))
            .update()
        try await database.schema(Message.schema)
            .field("emailed_at", .datetime)
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Message.schema).deleteField("emailed_at").update()
        try await database.schema(Message.schema).deleteField("urgency").update()
    }
}
