import Fluent
import SQLKit

/// The peer-support scheme: teams, supporters and what matching needs to know of them, each team's on-call
/// rota, and requests for support. Nothing here holds what was said in a support conversation.
struct CreatePeerSupportProgram: AsyncMigration {
    var name: String { "019_CreatePeerSupportProgram" }

    func prepare(on database: any Database) async throws {
        func scoped(_ table: String) -> SchemaBuilder {
            database.schema(table).id().field("organization_id", .uuid, .required, .references(Organization.schema, .id))
        }
        try await scoped(PeerSupportSchema.teams)
            .field("name", .string, .required)
            .field("scope", .string, .required)
            .field("unit_id", .uuid, .references(Unit.schema, .id))
            .create()
        try await scoped(PeerSupportSchema.profiles)
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("caseload_cap", .int, .required)
            .field("trained_on", .datetime)
            .field("next_supervision_at", .datetime)
            .unique(on: "person_id")
            .create()
        try await scoped(PeerSupportSchema.teamMembers)
            .field("supporter_id", .uuid, .required, .references(PeerSupportSchema.profiles, .id))
            .field("team_id", .uuid, .required, .references(PeerSupportSchema.teams, .id))
            .unique(on: "supporter_id", "team_id")
            .create()
        try await scoped(PeerSupportSchema.unitsServed)
            .field("supporter_id", .uuid, .required, .references(PeerSupportSchema.profiles, .id))
            .field("unit_id", .uuid, .required, .references(Unit.schema, .id))
            .unique(on: "supporter_id", "unit_id")
            .create()
        try await scoped(PeerSupportSchema.languages)
            .field("supporter_id", .uuid, .required, .references(PeerSupportSchema.profiles, .id))
            .field("language", .string, .required)
            .unique(on: "supporter_id", "language")
            .create()
        try await scoped(PeerSupportSchema.leaves)
            .field("supporter_id", .uuid, .required, .references(PeerSupportSchema.profiles, .id))
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .create()
        try await scoped(PeerSupportSchema.rotaShifts)
            .field("team_id", .uuid, .required, .references(PeerSupportSchema.teams, .id))
            .field("supporter_id", .uuid, .required, .references(PeerSupportSchema.profiles, .id))
            .field("weekday", .int, .required)
            .field("start_minute", .int, .required)
            .field("end_minute", .int, .required)
            .create()
        try await scoped(PeerSupportSchema.rotaExceptions)
            .field("team_id", .uuid, .required, .references(PeerSupportSchema.teams, .id))
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("change", .string, .required)
            .field("supporter_id", .uuid, .references(PeerSupportSchema.profiles, .id))
            .create()
        try await scoped(PeerSupportSchema.requests)
            .field("case_id", .uuid, .required, .references(Case.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("status", .string, .required)
            .field("same_profession", .bool, .required)
            .field("outside_unit", .bool, .required)
            .field("language", .string)
            .field("supporter_id", .uuid, .references(PeerSupportSchema.profiles, .id))
            .field("created_at", .datetime, .required)
            .field("offered_at", .datetime)
            .field("respond_by", .datetime)
            .field("accepted_at", .datetime)
            .field("escalated_at", .datetime)
            // Asked by a leader on the person's behalf: who, and when the person agreed.
            .field("requested_by", .uuid, .references(Person.schema, .id))
            .field("agreed_at", .datetime)
            // A supporter proposes that a colleague take over; nothing changes until the person agrees.
            .field("handover_to", .uuid, .references(PeerSupportSchema.profiles, .id))
            .field("version", .int, .required)
            .create()
        try await scoped(PeerSupportSchema.passes)
            .field("request_id", .uuid, .required, .references(PeerSupportSchema.requests, .id))
            .field("supporter_id", .uuid, .required, .references(PeerSupportSchema.profiles, .id))
            .field("reason", .string, .required)
            .field("passed_at", .datetime, .required)
            .create()
        // That contact happened, how and for how long: never what was said. There is no column for it.
        try await scoped(PeerSupportSchema.contacts)
            .field("request_id", .uuid, .required, .references(PeerSupportSchema.requests, .id))
            .field("contact_on", .datetime, .required)
            .field("channel", .string, .required)
            .field("duration_minutes", .int, .required)
            .field("next_contact_at", .datetime)
            .field("logged_by", .uuid, .required, .references(Person.schema, .id))
            .field("logged_at", .datetime, .required)
            .create()
        let sql = try database.sql()
        for (index, table, columns) in [
            ("support_teams_org", PeerSupportSchema.teams, ["organization_id"]),
            ("supporter_profiles_org", PeerSupportSchema.profiles, ["organization_id"]),
            ("rota_shifts_org_team", PeerSupportSchema.rotaShifts, ["organization_id", "team_id"]),
            ("rota_exceptions_org_team", PeerSupportSchema.rotaExceptions, ["organization_id", "team_id", "ends_at"]),
            ("supporter_leaves_org_supporter", PeerSupportSchema.leaves, ["organization_id", "supporter_id"]),
            ("support_requests_org_person", PeerSupportSchema.requests, ["organization_id", "person_id"]),
            ("support_requests_org_supporter", PeerSupportSchema.requests, ["organization_id", "supporter_id", "status"]),
            ("support_requests_org_case", PeerSupportSchema.requests, ["organization_id", "case_id"]),
            ("support_request_passes_org_request", PeerSupportSchema.passes, ["organization_id", "request_id"]),
            ("support_contacts_org_request", PeerSupportSchema.contacts, ["organization_id", "request_id"]),
        ] {
            var create = sql.create(index: index).on(table)
            for column in columns { create = create.column(column) }
            try await create.run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in [PeerSupportSchema.contacts, PeerSupportSchema.passes, PeerSupportSchema.requests, PeerSupportSchema.rotaExceptions, PeerSupportSchema.rotaShifts, PeerSupportSchema.leaves, PeerSupportSchema.languages, PeerSupportSchema.unitsServed,
                      PeerSupportSchema.teamMembers, PeerSupportSchema.profiles, PeerSupportSchema.teams] {
            try await database.schema(table).delete()
        }
    }
}
