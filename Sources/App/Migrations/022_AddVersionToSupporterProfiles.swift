import Fluent
import SQLKit

/// A supporter's profile is edited by the coordinators and, for availability, by the supporter: each save is
/// conditional on the version it was decided from, so neither overwrites the other unseen.
struct AddVersionToSupporterProfiles: AsyncMigration {
    var name: String { "022_AddVersionToSupporterProfiles" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PeerSupportSchema.profiles).field("version", .int, .required, .sql(.default(1))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PeerSupportSchema.profiles).deleteField("version").update()
    }
}
