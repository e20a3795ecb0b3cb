import Fluent
import SQLKit

/// Being on call was a switch a supporter set by hand; the team's rota says it now, so the stored switch goes.
struct DropOnCallFromNotificationPreferences: AsyncMigration {
    var name: String { "020_DropOnCallFromNotificationPreferences" }

    func prepare(on database: any Database) async throws {
        try await database.schema(NotificationPreference.schema).deleteField("on_call").update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(NotificationPreference.schema).field("on_call", .bool, .required, .sql(.default(false))).update()
    }
}
