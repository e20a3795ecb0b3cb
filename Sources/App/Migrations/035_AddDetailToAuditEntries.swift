import Fluent

/// A short code for why an action was refused (a matching rule), for those who review the audit trail. Never
/// personal data, and never shown to the one who was refused.
struct AddDetailToAuditEntries: AsyncMigration {
    var name: String { "035_AddDetailToAuditEntries" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).field("detail", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).deleteField("detail").update()
    }
}
