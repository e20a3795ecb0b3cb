import Fluent
import SQLKit

/// A sign-in started with the organization's identity provider, waiting for its answer: the `state` (as a hash),
/// the `nonce` and the PKCE verifier it must match. Each is used once (deleted as the answer comes back).
struct CreateSingleSignOnLogins: AsyncMigration {
    var name: String { "046_CreateSingleSignOnLogins" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SingleSignOn.table).id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("state_hash", .string, .required)
            .field("nonce", .string, .required)
            .field("code_verifier", .string, .required)
            .field("next_path", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "state_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SingleSignOn.table).delete()
    }
}
