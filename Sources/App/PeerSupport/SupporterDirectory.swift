import Domain
import Fluent
import Foundation
import SQLKit

/// The organization's peer supporters as matching and the coordinator see them, read in a fixed number of
/// queries whatever the organization's size: the profiles with their load, their lists, their leave, and the
/// rotas. Whom a supporter supports is never part of it.
enum SupporterDirectory {
    struct Supporter: Sendable {
        let candidate: SupporterCandidate
        let name: String
        let teams: [UUID]
        /// Units this supporter serves (and those below them); empty serves everyone.
        let unitsServed: Set<UUID>
        let trainedOn: Date?
        let nextSupervisionAt: Date?
    }

    struct Team: Sendable {
        let id: UUID
        let name: String
        let scope: TeamScope
        let rota: Rota
    }

    struct Program: Sendable {
        let supporters: [Supporter]
        let teams: [Team]
    }

    static func load(organizationID: UUID, timeZone: TimeZone, now: Date, on db: any Database) async throws -> Program {
        let sql = try db.sql()
        let active = SupportRequestStatus.allCases.filter(\.isActive).map(\.rawValue)
        let profiles = try await sql.raw("""
            SELECT sp.id, sp.person_id, sp.caseload_cap, sp.trained_on, sp.next_supervision_at, p.name, p.profession,
              (SELECT COUNT(*) FROM \(ident: PeerSupportSchema.requests) r
               WHERE r.organization_id = sp.organization_id AND r.supporter_id = sp.id AND r.status IN (\(binds: active))) AS active
            FROM \(ident: PeerSupportSchema.profiles) sp JOIN people p ON p.id = sp.person_id AND p.organization_id = sp.organization_id
            WHERE sp.organization_id = \(bind: organizationID) AND p.active = \(bind: true)
            """).all()
        // Lists of each supporter, one row per value; dates only for leave that has not ended.
        let lists = try await sql.raw("""
            SELECT 'language' AS part, l.supporter_id, l.language AS value FROM \(ident: PeerSupportSchema.languages) l
            WHERE l.organization_id = \(bind: organizationID)
            UNION ALL
            SELECT 'served', s.supporter_id, CAST(s.unit_id AS TEXT) FROM \(ident: PeerSupportSchema.unitsServed) s
            WHERE s.organization_id = \(bind: organizationID)
            UNION ALL
            SELECT 'unit', sp.id, CAST(pu.unit_id AS TEXT) FROM \(ident: PeerSupportSchema.profiles) sp
            JOIN person_units pu ON pu.person_id = sp.person_id AND pu.organization_id = sp.organization_id
            WHERE sp.organization_id = \(bind: organizationID)
            UNION ALL
            SELECT 'team', m.supporter_id, CAST(m.team_id AS TEXT) FROM \(ident: PeerSupportSchema.teamMembers) m
            WHERE m.organization_id = \(bind: organizationID)
            """).all()
        let leaves = try await sql.raw("""
            SELECT supporter_id, starts_at, ends_at FROM \(ident: PeerSupportSchema.leaves)
            WHERE organization_id = \(bind: organizationID) AND ends_at > \(bind: now)
            """).all()
        let teams = try await rotas(organizationID: organizationID, timeZone: timeZone, since: now, on: sql)

        var languages: [UUID: Set<String>] = [:], served: [UUID: Set<UUID>] = [:], units: [UUID: Set<UUID>] = [:], memberOf: [UUID: [UUID]] = [:]
        for row in lists {
            let supporter = try row.decode(column: "supporter_id", as: UUID.self)
            let value = try row.decode(column: "value", as: String.self)
            switch try row.decode(column: "part", as: String.self) {
            case "language": languages[supporter, default: []].insert(value)
            case "served": if let unit = UUID(uuidString: value) { served[supporter, default: []].insert(unit) }
            case "unit": if let unit = UUID(uuidString: value) { units[supporter, default: []].insert(unit) }
            default: if let team = UUID(uuidString: value) { memberOf[supporter, default: []].append(team) }
            }
        }
        var leave: [UUID: [DateInterval]] = [:]
        for row in leaves {
            let starts = try row.decode(column: "starts_at", as: Date.self), ends = try row.decode(column: "ends_at", as: Date.self)
            if ends > starts { leave[try row.decode(column: "supporter_id", as: UUID.self), default: []].append(DateInterval(start: starts, end: ends)) }
        }
        let onCall = teams.reduce(into: Set<UUID>()) { $0.formUnion($1.rota.onCall(at: now)) }

        let supporters = try profiles.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return Supporter(
                candidate: SupporterCandidate(
                    id: id, personID: try row.decode(column: "person_id", as: UUID.self), profession: try row.decode(column: "profession", as: String.self),
                    languages: languages[id] ?? [], units: units[id] ?? [], leave: leave[id] ?? [],
                    activeRequests: try row.decode(column: "active", as: Int.self), cap: try row.decode(column: "caseload_cap", as: Int.self),
                    onCallNow: onCall.contains(id)),
                name: try row.decode(column: "name", as: String.self), teams: (memberOf[id] ?? []).sorted { $0.uuidString < $1.uuidString },
                unitsServed: served[id] ?? [], trainedOn: try row.decode(column: "trained_on", as: Date?.self),
                nextSupervisionAt: try row.decode(column: "next_supervision_at", as: Date?.self))
        }
        return Program(supporters: supporters.sorted { ($0.name, $0.candidate.id.uuidString) < ($1.name, $1.candidate.id.uuidString) },
                       teams: teams)
    }

    /// Every team with its weekly pattern and the exceptions that end after `since`, in two queries.
    static func rotas(organizationID: UUID, timeZone: TimeZone, since: Date, on sql: any SQLDatabase) async throws -> [Team] {
        let rows = try await sql.raw("""
            SELECT t.id, t.name, t.scope, s.supporter_id, s.weekday, s.start_minute, s.end_minute
            FROM \(ident: PeerSupportSchema.teams) t
            LEFT JOIN \(ident: PeerSupportSchema.rotaShifts) s ON s.team_id = t.id AND s.organization_id = t.organization_id
            WHERE t.organization_id = \(bind: organizationID)
            """).all()
        // A supporter on leave is off call on every team whose rota names them.
        let exceptionRows = try await sql.raw("""
            SELECT team_id, starts_at, ends_at, change, supporter_id FROM \(ident: PeerSupportSchema.rotaExceptions)
            WHERE organization_id = \(bind: organizationID) AND ends_at > \(bind: since)
            UNION ALL
            SELECT DISTINCT s.team_id, l.starts_at, l.ends_at, CAST(\(bind: RotaException.Kind.off.rawValue) AS TEXT), l.supporter_id
            FROM \(ident: PeerSupportSchema.leaves) l
            JOIN \(ident: PeerSupportSchema.rotaShifts) s ON s.organization_id = l.organization_id AND s.supporter_id = l.supporter_id
            WHERE l.organization_id = \(bind: organizationID) AND l.ends_at > \(bind: since)
            """).all()
        var exceptions: [UUID: [RotaException]] = [:]
        for row in exceptionRows {
            let starts = try row.decode(column: "starts_at", as: Date.self), ends = try row.decode(column: "ends_at", as: Date.self)
            guard ends > starts, let kind = RotaException.Kind(rawValue: try row.decode(column: "change", as: String.self)),
                  let exception = RotaException(interval: DateInterval(start: starts, end: ends), kind: kind,
                                                supporter: try row.decode(column: "supporter_id", as: UUID?.self))
            else { continue }
            exceptions[try row.decode(column: "team_id", as: UUID.self), default: []].append(exception)
        }
        var names: [UUID: (String, TeamScope)] = [:]
        var shifts: [UUID: [RotaShift]] = [:]
        for row in rows {
            let team = try row.decode(column: "id", as: UUID.self)
            names[team] = (try row.decode(column: "name", as: String.self), try row.decode(column: "scope", as: TeamScope.self))
            if let supporter = try row.decode(column: "supporter_id", as: UUID?.self) {
                shifts[team, default: []].append(RotaShift(weekday: try row.decode(column: "weekday", as: Int.self),
                                                           start: try row.decode(column: "start_minute", as: Int.self),
                                                           end: try row.decode(column: "end_minute", as: Int.self), supporterID: supporter))
            }
        }
        return names.map { id, value in
            Team(id: id, name: value.0, scope: value.1, rota: Rota(shifts: shifts[id] ?? [], exceptions: exceptions[id] ?? [], timeZone: timeZone))
        }.sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
    }

    /// The supporters who may be offered to someone working in `units`: the central group's, those serving any
    /// of these units or a unit above them, and those who serve everyone.
    static func serving(_ program: Program, units: Set<UUID>, unitsAbove: Set<UUID>) -> [Supporter] {
        let central = Set(program.teams.filter { $0.scope == .central }.map(\.id))
        let reach = units.union(unitsAbove)
        return program.supporters.filter { supporter in
            supporter.unitsServed.isEmpty || !supporter.unitsServed.isDisjoint(with: reach) || supporter.teams.contains(where: central.contains)
        }
    }

    /// `units` and every unit above them, in one query.
    static func withUnitsAbove(_ units: Set<UUID>, organizationID: UUID, on db: any Database) async throws -> Set<UUID> {
        guard !units.isEmpty else { return [] }
        let rows = try await db.sql().raw("""
            WITH RECURSIVE up(id) AS (
              SELECT id FROM units WHERE organization_id = \(bind: organizationID) AND id IN (\(binds: Array(units)))
              UNION
              SELECT u.parent_id FROM units u JOIN up ON u.id = up.id WHERE u.organization_id = \(bind: organizationID) AND u.parent_id IS NOT NULL
            )
            SELECT id FROM up
            """).all()
        return Set(try rows.map { try $0.decode(column: "id", as: UUID.self) })
    }
}
