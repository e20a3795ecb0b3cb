import Fluent

/// How the person would like to be reached, beside their request for a peer supporter and their referral:
/// the way (phone, e-mail, chat) and the number, address or chat name. Only the chosen supporter or service
/// reads it.
struct AddReachToRequestsAndReferrals: AsyncMigration {
    var name: String { "038_AddReachToRequestsAndReferrals" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column at a time.
        for table in [PeerSupportSchema.requests, ReferralSchema.referrals] {
            for column in ["reach_by", "reach_at"] {
                try await database.schema(table).field(FieldKey(stringLiteral: column), .string).update()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for table in [PeerSupportSchema.requests, ReferralSchema.referrals] {
            for column in ["reach_by", "reach_at"] {
                try await database.schema(table).deleteField(FieldKey(stringLiteral: column)).update()
            }
        }
    }
}
