import Domain
import Fluent
import Foundation
import SQLKit

/// Changes to the peer-support scheme: teams, the weekly rota and its dated changes, who is a supporter and
/// with what profile, and leave. Coordinators make them all; a supporter keeps their own availability.
/// Each change is one transaction with its audit entry; what creates something runs once per form key.
enum SchemeEditing {
    enum Failure: Error {
        case forbidden
        case notFound
        case invalid(SchemeRules.Problem)
        /// The profile changed since the form was shown: the fresh one.
        case changed
    }

    static func createTeam(name: String?, scope: TeamScope?, unitID: UUID?, claim: Idempotency.Claim?,
                           in context: ServiceContext) async throws -> Idempotency.Outcome<UUID> {
        try requireCoordinator(context)
        let name = try checked(SchemeRules.teamName(name))
        guard let scope else { throw Failure.invalid(.unitNeeded) }
        let unit = try checked(SchemeRules.teamUnit(scope: scope, unit: unitID))
        if let unit { try await requireUnit(unit, in: context) }
        return try await Idempotency.once(claim, in: context) { tx in
            let id = tx.newID()
            try await tx.db.sql().insert(into: PeerSupportSchema.teams).columns("id", "organization_id", "name", "scope", "unit_id")
                .values(SQLBind(id), SQLBind(tx.user.organizationID), SQLBind(name), SQLBind(scope.rawValue), SQLBind(unit)).run()
            try await tx.audit(.create, "support_team", id: id, subject: nil)
            return (id, Idempotency.Answer(status: 303, location: SiteRoute.teamRota(id).path, body: nil))
        }
    }

    static func addShift(teamID: UUID, weekday: Int?, start: String?, end: String?, supporterID: UUID?, claim: Idempotency.Claim?,
                         in context: ServiceContext) async throws -> Idempotency.Outcome<UUID> {
        try requireCoordinator(context)
        let rota = try await teamRota(teamID, in: context)
        let shift = try checked(SchemeRules.shift(weekday: weekday, start: start, end: end, supporter: supporterID,
                                                  members: Set(rota.members.map(\.supporterID))))
        return try await Idempotency.once(claim, in: context) { tx in
            let id = tx.newID()
            try await tx.db.sql().insert(into: PeerSupportSchema.rotaShifts)
                .columns("id", "organization_id", "team_id", "supporter_id", "weekday", "start_minute", "end_minute")
                .values(SQLBind(id), SQLBind(tx.user.organizationID), SQLBind(teamID), SQLBind(shift.supporterID), SQLBind(shift.weekday),
                        SQLBind(shift.start), SQLBind(shift.end)).run()
            try await tx.audit(.create, "rota_shift", id: id, subject: nil)
            return (id, Idempotency.Answer(status: 303, location: SiteRoute.teamRota(teamID).path, body: nil))
        }
    }

    static func addRotaChange(teamID: UUID, kind: RotaException.Kind?, from start: Date?, to end: Date?, supporterID: UUID?,
                              claim: Idempotency.Claim?, in context: ServiceContext) async throws -> Idempotency.Outcome<UUID> {
        try requireCoordinator(context)
        let rota = try await teamRota(teamID, in: context)
        let change = try checked(SchemeRules.rotaChange(kind: kind, from: start, to: end, supporter: supporterID,
                                                        members: Set(rota.members.map(\.supporterID)), now: context.now))
        let who: UUID? = switch change.change {
        case .off(let supporter), .cover(let supporter): supporter
        case .closed: nil
        }
        return try await Idempotency.once(claim, in: context) { tx in
            let id = tx.newID()
            try await tx.db.sql().insert(into: PeerSupportSchema.rotaExceptions)
                .columns("id", "organization_id", "team_id", "starts_at", "ends_at", "change", "supporter_id")
                .values(SQLBind(id), SQLBind(tx.user.organizationID), SQLBind(teamID), SQLBind(change.interval.start), SQLBind(change.interval.end),
                        SQLBind((kind ?? .closed).rawValue), SQLBind(who)).run()
            try await tx.audit(.create, "rota_exception", id: id, subject: nil)
            return (id, Idempotency.Answer(status: 303, location: SiteRoute.teamRota(teamID).path, body: nil))
        }
    }

    /// Removes a weekly shift or a rota change; the team it belonged to, or nil when it was gone already.
    static func remove(_ part: RotaPart, id: UUID, in context: ServiceContext) async throws -> UUID? {
        try requireCoordinator(context)
        return try await context.transaction { tx in
            let table = part == .shift ? PeerSupportSchema.rotaShifts : PeerSupportSchema.rotaExceptions
            guard let row = try await tx.db.sql().raw("""
                DELETE FROM \(ident: table) WHERE organization_id = \(bind: tx.user.organizationID) AND id = \(bind: id) RETURNING team_id
                """).first() else { return nil }
            try await tx.audit(.delete, part == .shift ? "rota_shift" : "rota_exception", id: id, subject: nil)
            return try row.decode(column: "team_id", as: UUID.self)
        }
    }

    enum RotaPart { case shift, change }

    /// The time a chosen supporter has to answer, for offers made from now on; conditional on the value the
    /// form showed, so two coordinators do not overwrite each other unseen.
    static func setResponseTime(minutes: Int?, shown: Int?, in context: ServiceContext) async throws {
        try requireCoordinator(context)
        guard let minutes, ResponseClock.allowedMinutes.contains(minutes) else { throw Failure.invalid(.responseTime) }
        try await context.transaction { tx in
            let updated = try await tx.db.sql().raw("""
                UPDATE organizations SET support_response_minutes = \(bind: minutes)
                WHERE id = \(bind: tx.user.organizationID) AND support_response_minutes = \(bind: shown ?? -1)
                RETURNING id
                """).all()
            guard !updated.isEmpty else { throw Failure.changed }
            try await tx.audit(.update, "support_response_time", id: tx.user.organizationID, subject: nil)
        }
    }

    /// The organization's own crisis numbers (empty for the country's), conditional on the values the form
    /// showed. The numbers reach every person's pages with their sign-in, so they take effect at once.
    static func setCrisisContacts(emergency: String?, outOfHours: String?, shown: (emergency: String?, outOfHours: String?),
                                  in context: ServiceContext) async throws {
        try requireCoordinator(context)
        func number(_ text: String?) throws -> String? {
            let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            guard let number = CrisisContacts.phoneNumber(trimmed) else { throw Failure.invalid(.phoneNumber) }
            return number
        }
        let emergency = try number(emergency)
        let outOfHours = try number(outOfHours)
        try await context.transaction { tx in
            let updated = try await tx.db.sql().raw("""
                UPDATE organizations SET crisis_emergency_number = \(bind: emergency), crisis_out_of_hours_number = \(bind: outOfHours)
                WHERE id = \(bind: tx.user.organizationID)
                  AND COALESCE(crisis_emergency_number, '') = \(bind: shown.emergency ?? "")
                  AND COALESCE(crisis_out_of_hours_number, '') = \(bind: shown.outOfHours ?? "")
                RETURNING id
                """).all()
            guard !updated.isEmpty else { throw Failure.changed }
            try await tx.audit(.update, "crisis_contacts", id: tx.user.organizationID, subject: nil)
        }
    }

    /// What the scheme page's settings forms show: the time to answer and the organization's own crisis
    /// numbers, with its country for the national ones.
    struct Settings {
        let responseMinutes: Int
        let country: Country
        let emergency: String?
        let outOfHours: String?
    }

    static func settings(organizationID: UUID, on db: any Database) async throws -> Settings {
        let row = try await db.sql().raw("""
            SELECT support_response_minutes, country, crisis_emergency_number, crisis_out_of_hours_number FROM organizations WHERE id = \(bind: organizationID)
            """).first()
        return Settings(responseMinutes: try row?.decode(column: "support_response_minutes", as: Int.self) ?? ResponseClock.defaultMinutes,
                        country: try row?.decode(column: "country", as: String?.self).flatMap(Country.init(rawValue:)) ?? .norway,
                        emergency: try row?.decode(column: "crisis_emergency_number", as: String?.self),
                        outOfHours: try row?.decode(column: "crisis_out_of_hours_number", as: String?.self))
    }

    static func responseMinutes(organizationID: UUID, on db: any Database) async throws -> Int {
        try await db.sql().raw("SELECT support_response_minutes FROM organizations WHERE id = \(bind: organizationID)").first()?
            .decode(column: "support_response_minutes", as: Int.self) ?? ResponseClock.defaultMinutes
    }

    /// Makes the person with this username a peer supporter: a profile with the default cap, and the
    /// supporter's role on their account, so they land on their requests.
    static func addSupporter(username: String?, claim: Idempotency.Claim?, in context: ServiceContext) async throws -> Idempotency.Outcome<UUID> {
        do {
            return try await addingSupporter(username: username, claim: claim, in: context)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two coordinators adding the same person at once: the second meets the profile's unique person.
            throw Failure.invalid(.alreadySupporter)
        }
    }

    private static func addingSupporter(username: String?, claim: Idempotency.Claim?, in context: ServiceContext) async throws -> Idempotency.Outcome<UUID> {
        try requireCoordinator(context)
        let name = (username ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200,
              let account = try await Account.query(on: context.db).filter(\.$organizationID == context.user.organizationID)
                  .filter(\.$username == name).first()
        else { throw Failure.invalid(.unknownPerson) }
        let accountID = try account.requireID()
        // A repeat of the same form finds its first answer before this runs; anyone else adding the same person
        // is told they are a supporter already.
        return try await Idempotency.once(claim, in: context) { tx in
            guard try await SchemeReads.profile(personID: account.personID, organizationID: tx.user.organizationID, on: tx.db) == nil else {
                throw Failure.invalid(.alreadySupporter)
            }
            let id = tx.newID()
            try await tx.db.sql().insert(into: PeerSupportSchema.profiles)
                .columns("id", "organization_id", "person_id", "caseload_cap", "version")
                .values(SQLBind(id), SQLBind(tx.user.organizationID), SQLBind(account.personID), SQLBind(SchemeRules.defaultCap), SQLBind(1)).run()
            let roles = try await AccountRole.query(on: tx.db).filter(\.$organizationID == tx.user.organizationID).filter(\.$accountID == accountID).all()
            if !roles.contains(where: { $0.role == .peerSupporter }) {
                try await AccountRole(id: tx.newID(), organizationID: tx.user.organizationID, accountID: accountID, role: .peerSupporter).create(on: tx.db)
            }
            try await tx.audit(.create, "supporter_profile", id: id, subject: account.personID)
            return (id, Idempotency.Answer(status: 303, location: SiteRoute.supporterProfile(id).path, body: nil))
        }
    }

    struct ProfileChange: Sendable {
        var teams: Set<UUID>
        var unitsServed: Set<UUID>
        var languages: String?
        var trainedOn: Date?
        var nextSupervisionAt: Date?
    }

    /// Saves a profile: the cap by its coordinator or the supporter; teams, units, languages and dates only by a
    /// coordinator (`change` is nil for the supporter). Conditional on the version the form was shown with.
    static func updateProfile(_ id: UUID, version: Int?, cap: Int?, change: ProfileChange?, in context: ServiceContext) async throws {
        let profile = try await editableProfile(id, in: context)
        let cap = try checked(SchemeRules.cap(cap))
        guard version == profile.version else { throw Failure.changed }
        if change != nil { try requireCoordinator(context) }
        let languages = try change.map { try checked(SchemeRules.languages($0.languages)) }
        if let change {
            let teams = Set(try await SchemeReads.teams(organizationID: context.user.organizationID, on: context.db).map(\.id))
            guard change.teams.isSubset(of: teams) else { throw Failure.invalid(.unknownTeam) }
            let units = Set(try await SchemeReads.units(organizationID: context.user.organizationID, on: context.db).map(\.id))
            guard change.unitsServed.isSubset(of: units) else { throw Failure.invalid(.unknownUnit) }
        }
        try await context.transaction { tx in
            let sql = try tx.db.sql()
            let org = tx.user.organizationID
            let dates: SQLQueryString = if let change {
                ", trained_on = \(bind: change.trainedOn), next_supervision_at = \(bind: change.nextSupervisionAt)"
            } else { "" }
            let updated = try await sql.raw("""
                UPDATE \(ident: PeerSupportSchema.profiles) SET caseload_cap = \(bind: cap), version = version + 1\(dates)
                WHERE organization_id = \(bind: org) AND id = \(bind: id) AND version = \(bind: profile.version)
                RETURNING id
                """).all()
            guard !updated.isEmpty else { throw Failure.changed }
            if let change, let languages {
                for table in [PeerSupportSchema.teamMembers, PeerSupportSchema.unitsServed, PeerSupportSchema.languages] {
                    try await sql.raw("DELETE FROM \(ident: table) WHERE organization_id = \(bind: org) AND supporter_id = \(bind: id)").run()
                }
                try await insertList(PeerSupportSchema.teamMembers, column: "team_id", values: change.teams.sorted { $0.uuidString < $1.uuidString },
                                     supporter: id, tx)
                try await insertList(PeerSupportSchema.unitsServed, column: "unit_id",
                                     values: change.unitsServed.sorted { $0.uuidString < $1.uuidString }, supporter: id, tx)
                try await insertList(PeerSupportSchema.languages, column: "language", values: languages, supporter: id, tx)
                // A shift or a rota change of a team the supporter has left would keep them on call there: they go with them.
                for table in [PeerSupportSchema.rotaShifts, PeerSupportSchema.rotaExceptions] {
                    try await sql.raw("""
                        DELETE FROM \(ident: table) WHERE organization_id = \(bind: org) AND supporter_id = \(bind: id)
                          \(change.teams.isEmpty ? "" : "AND team_id NOT IN (\(binds: Array(change.teams)))" as SQLQueryString)
                        """).run()
                }
            }
            try await tx.audit(.update, "supporter_profile", id: id, subject: profile.personID)
        }
    }

    static func addLeave(supporterID: UUID, from start: Date?, to end: Date?, claim: Idempotency.Claim?,
                         in context: ServiceContext) async throws -> Idempotency.Outcome<UUID> {
        let profile = try await editableProfile(supporterID, in: context)
        let interval = try checked(SchemeRules.interval(from: start, to: end, longest: SchemeRules.longestLeave, now: context.now))
        return try await Idempotency.once(claim, in: context) { tx in
            let id = tx.newID()
            try await tx.db.sql().insert(into: PeerSupportSchema.leaves).columns("id", "organization_id", "supporter_id", "starts_at", "ends_at")
                .values(SQLBind(id), SQLBind(tx.user.organizationID), SQLBind(supporterID), SQLBind(interval.start), SQLBind(interval.end)).run()
            try await tx.audit(.create, "supporter_leave", id: id, subject: profile.personID)
            return (id, Idempotency.Answer(status: 303, location: availabilityPath(of: profile, for: tx), body: nil))
        }
    }

    /// Removes a leave; the profile it belonged to, or nil when it was gone already.
    static func removeLeave(_ id: UUID, in context: ServiceContext) async throws -> SchemeReads.Profile? {
        guard let row = try await context.db.sql().raw("""
            SELECT supporter_id FROM \(ident: PeerSupportSchema.leaves) WHERE organization_id = \(bind: context.user.organizationID) AND id = \(bind: id)
            """).first() else {
            // Gone already (a second tap): calm for those who keep leave, forbidden for everyone else.
            let ownProfile = try await SchemeReads.profile(personID: context.user.personID, organizationID: context.user.organizationID, on: context.db)
            let keepsLeave = AccessPolicy.mayRunPeerSupport(context.user.actor) || ownProfile != nil
            guard keepsLeave else { throw Failure.forbidden }
            return nil
        }
        let profile = try await editableProfile(try row.decode(column: "supporter_id", as: UUID.self), in: context)
        try await context.transaction { tx in
            // Two removals at once: only the one that deleted the row records it.
            let deleted = try await tx.db.sql().raw("""
                DELETE FROM \(ident: PeerSupportSchema.leaves) WHERE organization_id = \(bind: tx.user.organizationID) AND id = \(bind: id) RETURNING id
                """).all()
            if !deleted.isEmpty { try await tx.audit(.delete, "supporter_leave", id: id, subject: profile.personID) }
        }
        return profile
    }

    /// The supporter's own page for the supporter, the profile page for a coordinator.
    static func availabilityPath(of profile: SchemeReads.Profile, for context: ServiceContext) -> String {
        profile.personID == context.user.personID ? SiteRoute.myAvailability.path : SiteRoute.supporterProfile(profile.id).path
    }

    static func editableProfile(_ id: UUID, in context: ServiceContext) async throws -> SchemeReads.Profile {
        guard let profile = try await SchemeReads.profile(id, organizationID: context.user.organizationID, on: context.db) else { throw Failure.notFound }
        guard AccessPolicy.mayEditAvailability(context.user.actor, supporterPersonID: profile.personID, organizationID: context.user.organizationID)
        else { throw Failure.forbidden }
        return profile
    }

    private static func teamRota(_ id: UUID, in context: ServiceContext) async throws -> SchemeReads.TeamRota {
        guard let rota = try await SchemeReads.rota(teamID: id, organizationID: context.user.organizationID, now: context.now, on: context.db)
        else { throw Failure.notFound }
        return rota
    }

    private static func requireCoordinator(_ context: ServiceContext) throws {
        guard AccessPolicy.mayRunPeerSupport(context.user.actor) else { throw Failure.forbidden }
    }

    private static func requireUnit(_ unit: UUID, in context: ServiceContext) async throws {
        guard try await Unit.query(on: context.db).filter(\.$organizationID == context.user.organizationID).filter(\.$id == unit).first() != nil
        else { throw Failure.invalid(.unknownUnit) }
    }

    private static func checked<T>(_ result: Result<T, SchemeRules.Problem>) throws -> T {
        switch result {
        case .success(let value): value
        case .failure(let problem): throw Failure.invalid(problem)
        }
    }

    private static func insertList(_ table: String, column: String, values: [some Encodable & Sendable], supporter: UUID,
                                   _ tx: ServiceContext) async throws {
        guard !values.isEmpty else { return }
        var insert = try tx.db.sql().insert(into: table).columns("id", "organization_id", "supporter_id", column)
        for value in values { insert = insert.values(SQLBind(tx.newID()), SQLBind(tx.user.organizationID), SQLBind(supporter), SQLBind(value)) }
        try await insert.run()
    }
}
