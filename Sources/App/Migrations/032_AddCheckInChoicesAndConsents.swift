import Fluent
import SQLKit

/// The person's say over the follow-up: consent records (one per kind, for all their pathways or for one),
/// pausing or stopping a pathway's check-ins, when the answers last called for attention, and the anniversary
/// check-in.
struct AddCheckInChoicesAndConsents: AsyncMigration {
    var name: String { "032_AddCheckInChoicesAndConsents" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Consents.table).id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("case_id", .uuid, .references(Case.schema, .id))
            .field("kind", .string, .required)
            // "all", or the case's id: a unique key that NULL could not give on both databases.
            .field("applies_to", .string, .required)
            .field("granted", .bool, .required)
            .field("decided_at", .datetime, .required)
            .unique(on: "organization_id", "person_id", "kind", "applies_to")
            .create()
        try await database.schema(Case.schema).field("attention_at", .datetime).update()
        try await database.schema(Case.schema).field("check_ins_paused_until", .datetime).update()
        try await database.schema(Case.schema).field("check_ins_stopped_at", .datetime).update()
        try await database.schema(CheckInSchema.checkIns).field("purpose", .string, .required, .sql(.default("follow_up"))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CheckInSchema.checkIns).deleteField("purpose").update()
        try await database.schema(Case.schema).deleteField("check_ins_stopped_at").update()
        try await database.schema(Case.schema).deleteField("check_ins_paused_until").update()
        try await database.schema(Case.schema).deleteField("attention_at").update()
        try await database.schema(Consents.table).delete()
    }
}
