import Domain
import Fluent
import Foundation
import SQLKit

/// The scheme as its editing pages read it: teams with their units, one team's members, shifts and coming
/// changes, a supporter's profile with its lists and leave. Each read is a fixed number of queries.
enum SchemeReads {
    struct TeamRow: Sendable {
        let id: UUID
        let name: String
        let scope: TeamScope
        let unitName: String?
    }

    struct Member: Sendable {
        let supporterID: UUID
        let name: String
    }

    struct ShiftRow: Sendable {
        let id: UUID
        let shift: RotaShift
        let supporterName: String
    }

    struct ChangeRow: Sendable {
        let id: UUID
        let interval: DateInterval
        let kind: RotaException.Kind
        let supporterName: String?
    }

    struct TeamRota: Sendable {
        let team: TeamRow
        let members: [Member]
        let shifts: [ShiftRow]
        let changes: [ChangeRow]
    }

    struct Profile: Sendable {
        let id: UUID
        let personID: UUID
        let name: String
        let cap: Int
        let trainedOn: Date?
        let nextSupervisionAt: Date?
        let version: Int
        let teams: Set<UUID>
        let unitsServed: Set<UUID>
        let languages: [String]
    }

    struct Leave: Sendable {
        let id: UUID
        let interval: DateInterval
    }

    struct Unit: Sendable {
        let id: UUID
        let name: String
    }

    static func teams(organizationID: UUID, on db: any Database) async throws -> [TeamRow] {
        try await db.sql().raw("""
            SELECT t.id, t.name, t.scope, u.name AS unit_name FROM \(ident: PeerSupportSchema.teams) t
            LEFT JOIN units u ON u.organization_id = t.organization_id AND u.id = t.unit_id
            WHERE t.organization_id = \(bind: organizationID)
            ORDER BY t.name, t.id
            LIMIT 200
            """).all().map(teamRow)
    }

    /// Units a team or a supporter can be tied to, by name.
    static func units(organizationID: UUID, on db: any Database) async throws -> [Unit] {
        try await db.sql().raw("""
            SELECT id, name FROM units WHERE organization_id = \(bind: organizationID) ORDER BY name, id LIMIT 2000
            """).all().map { Unit(id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self)) }
    }

    /// One team with its members, its weekly pattern and its changes that have not ended, in three queries.
    static func rota(teamID: UUID, organizationID: UUID, now: Date, on db: any Database) async throws -> TeamRota? {
        let sql = try db.sql()
        guard let team = try await sql.raw("""
            SELECT t.id, t.name, t.scope, u.name AS unit_name FROM \(ident: PeerSupportSchema.teams) t
            LEFT JOIN units u ON u.organization_id = t.organization_id AND u.id = t.unit_id
            WHERE t.organization_id = \(bind: organizationID) AND t.id = \(bind: teamID)
            """).first().map(teamRow) else { return nil }
        let members = try await sql.raw("""
            SELECT m.supporter_id, p.name FROM \(ident: PeerSupportSchema.teamMembers) m
            JOIN \(ident: PeerSupportSchema.profiles) sp ON sp.organization_id = m.organization_id AND sp.id = m.supporter_id
            JOIN people p ON p.organization_id = sp.organization_id AND p.id = sp.person_id
            WHERE m.organization_id = \(bind: organizationID) AND m.team_id = \(bind: teamID)
            ORDER BY p.name, m.supporter_id
            """).all().map { Member(supporterID: try $0.decode(column: "supporter_id", as: UUID.self), name: try $0.decode(column: "name", as: String.self)) }
        let shifts = try await sql.raw("""
            SELECT s.id, s.supporter_id, p.name, s.weekday, s.start_minute, s.end_minute FROM \(ident: PeerSupportSchema.rotaShifts) s
            JOIN \(ident: PeerSupportSchema.profiles) sp ON sp.organization_id = s.organization_id AND sp.id = s.supporter_id
            JOIN people p ON p.organization_id = sp.organization_id AND p.id = sp.person_id
            WHERE s.organization_id = \(bind: organizationID) AND s.team_id = \(bind: teamID)
            LIMIT 500
            """).all().map { row in
            ShiftRow(id: try row.decode(column: "id", as: UUID.self), shift: RotaShift(
                weekday: try row.decode(column: "weekday", as: Int.self), start: try row.decode(column: "start_minute", as: Int.self),
                end: try row.decode(column: "end_minute", as: Int.self), supporterID: try row.decode(column: "supporter_id", as: UUID.self)),
                supporterName: try row.decode(column: "name", as: String.self))
        }
        let changes = try await sql.raw("""
            SELECT e.id, p.name, e.starts_at, e.ends_at, e.change FROM \(ident: PeerSupportSchema.rotaExceptions) e
            LEFT JOIN \(ident: PeerSupportSchema.profiles) sp ON sp.organization_id = e.organization_id AND sp.id = e.supporter_id
            LEFT JOIN people p ON p.organization_id = sp.organization_id AND p.id = sp.person_id
            WHERE e.organization_id = \(bind: organizationID) AND e.team_id = \(bind: teamID) AND e.ends_at > \(bind: now)
            LIMIT 500
            """).all().compactMap { row -> ChangeRow? in
            let starts = try row.decode(column: "starts_at", as: Date.self), ends = try row.decode(column: "ends_at", as: Date.self)
            guard ends > starts, let kind = RotaException.Kind(rawValue: try row.decode(column: "change", as: String.self)) else { return nil }
            return ChangeRow(id: try row.decode(column: "id", as: UUID.self), interval: DateInterval(start: starts, end: ends), kind: kind,
                             supporterName: try row.decode(column: "name", as: String?.self))
        }
        return TeamRota(team: team, members: members,
                        shifts: shifts.sorted { ($0.shift.weekday, $0.shift.start, $0.id.uuidString) < ($1.shift.weekday, $1.shift.start, $1.id.uuidString) },
                        changes: changes.sorted { ($0.interval.start, $0.id.uuidString) < ($1.interval.start, $1.id.uuidString) })
    }

    /// A profile by its id, or by its person's id, with its lists, in two queries.
    static func profile(_ id: UUID? = nil, personID: UUID? = nil, organizationID: UUID, on db: any Database) async throws -> Profile? {
        let sql = try db.sql()
        let match: SQLQueryString = if let id { "sp.id = \(bind: id)" } else { "sp.person_id = \(bind: personID ?? UUID())" }
        guard let row = try await sql.raw("""
            SELECT sp.id, sp.person_id, sp.caseload_cap, sp.trained_on, sp.next_supervision_at, sp.version, p.name
            FROM \(ident: PeerSupportSchema.profiles) sp JOIN people p ON p.organization_id = sp.organization_id AND p.id = sp.person_id
            WHERE sp.organization_id = \(bind: organizationID) AND \(match)
            """).first() else { return nil }
        let profileID = try row.decode(column: "id", as: UUID.self)
        let lists = try await sql.raw("""
            SELECT 'team' AS part, CAST(team_id AS TEXT) AS value FROM \(ident: PeerSupportSchema.teamMembers)
            WHERE organization_id = \(bind: organizationID) AND supporter_id = \(bind: profileID)
            UNION ALL
            SELECT 'served', CAST(unit_id AS TEXT) FROM \(ident: PeerSupportSchema.unitsServed)
            WHERE organization_id = \(bind: organizationID) AND supporter_id = \(bind: profileID)
            UNION ALL
            SELECT 'language', language FROM \(ident: PeerSupportSchema.languages)
            WHERE organization_id = \(bind: organizationID) AND supporter_id = \(bind: profileID)
            """).all()
        var teams: Set<UUID> = [], served: Set<UUID> = [], languages: [String] = []
        for list in lists {
            let value = try list.decode(column: "value", as: String.self)
            switch try list.decode(column: "part", as: String.self) {
            case "team": if let team = UUID(uuidString: value) { teams.insert(team) }
            case "served": if let unit = UUID(uuidString: value) { served.insert(unit) }
            default: languages.append(value)
            }
        }
        return Profile(id: profileID, personID: try row.decode(column: "person_id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                       cap: try row.decode(column: "caseload_cap", as: Int.self), trainedOn: try row.decode(column: "trained_on", as: Date?.self),
                       nextSupervisionAt: try row.decode(column: "next_supervision_at", as: Date?.self), version: try row.decode(column: "version", as: Int.self),
                       teams: teams, unitsServed: served, languages: languages.sorted())
    }

    /// A supporter's leave that has not ended, soonest first.
    static func leave(supporterID: UUID, organizationID: UUID, now: Date, on db: any Database) async throws -> [Leave] {
        try await db.sql().raw("""
            SELECT id, starts_at, ends_at FROM \(ident: PeerSupportSchema.leaves)
            WHERE organization_id = \(bind: organizationID) AND supporter_id = \(bind: supporterID) AND ends_at > \(bind: now)
            ORDER BY starts_at, id
            LIMIT 100
            """).all().compactMap { row in
            let starts = try row.decode(column: "starts_at", as: Date.self), ends = try row.decode(column: "ends_at", as: Date.self)
            return ends > starts ? Leave(id: try row.decode(column: "id", as: UUID.self), interval: DateInterval(start: starts, end: ends)) : nil
        }
    }

    /// How many active requests the supporter holds: the number, never whose.
    static func load(supporterID: UUID, organizationID: UUID, on db: any Database) async throws -> Int {
        try await db.sql().raw("""
            SELECT COUNT(*) AS n FROM \(ident: PeerSupportSchema.requests)
            WHERE organization_id = \(bind: organizationID) AND supporter_id = \(bind: supporterID)
              AND status IN (\(binds: SupportRequestStatus.allCases.filter(\.isActive).map(\.rawValue)))
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    private static func teamRow(_ row: any SQLRow) throws -> TeamRow {
        TeamRow(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                scope: try row.decode(column: "scope", as: TeamScope.self), unitName: try row.decode(column: "unit_name", as: String?.self))
    }
}
