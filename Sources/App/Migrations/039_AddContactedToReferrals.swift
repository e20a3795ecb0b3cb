import Fluent

/// Occupational health notes when it got in touch about a referral, and who did: the person sees that their
/// asking was answered, and the list shows what still waits.
struct AddContactedToReferrals: AsyncMigration {
    var name: String { "039_AddContactedToReferrals" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column at a time.
        try await database.schema(ReferralSchema.referrals).field("contacted_at", .datetime).update()
        try await database.schema(ReferralSchema.referrals).field("contacted_by", .uuid, .references(Person.schema, .id)).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReferralSchema.referrals).deleteField("contacted_by").update()
        try await database.schema(ReferralSchema.referrals).deleteField("contacted_at").update()
    }
}
