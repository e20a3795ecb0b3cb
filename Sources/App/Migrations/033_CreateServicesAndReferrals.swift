import Fluent
import SQLKit

/// Professional help (tier 3): the services an organization offers, the referrals made to them with the
/// person's consent, and which of the person's check-ins they chose to share with each.
struct CreateServicesAndReferrals: AsyncMigration {
    var name: String { "033_CreateServicesAndReferrals" }

    func prepare(on database: any Database) async throws {
        func scoped(_ table: String) -> SchemaBuilder {
            database.schema(table).id().field("organization_id", .uuid, .required, .references(Organization.schema, .id))
        }
        try await scoped(ReferralSchema.services)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("contact", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await scoped(ReferralSchema.referrals)
            .field("case_id", .uuid, .required, .references(Case.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("service_id", .uuid, .required, .references(ReferralSchema.services, .id))
            .field("made_by", .uuid, .required, .references(Person.schema, .id))
            .field("made_at", .datetime, .required)
            .unique(on: "case_id", "service_id")
            .create()
        try await scoped(ReferralSchema.sharedCheckIns)
            .field("referral_id", .uuid, .required, .references(ReferralSchema.referrals, .id))
            .field("check_in_id", .uuid, .required, .references(CheckInSchema.checkIns, .id))
            .unique(on: "referral_id", "check_in_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReferralSchema.sharedCheckIns).delete()
        try await database.schema(ReferralSchema.referrals).delete()
        try await database.schema(ReferralSchema.services).delete()
    }
}
