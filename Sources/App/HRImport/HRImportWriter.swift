import Domain
import Fluent
import Foundation
import SQLKit

/// Writes a checked import inside its transaction: many rows per statement, so that 20,000 people take a few
/// dozen statements, and one statement per changed row only for what really changed.
struct HRImportWriter {
    let run: HRImports.Run
    let state: HRImportState
    let preview: HRImports.Preview

    /// Rows per INSERT: well under both databases' limits on bound values.
    static let chunk = 500

    private var org: UUID { run.organizationID }
    private var sql: any SQLDatabase { get throws { try run.db.sql() } }

    func write() async throws {
        var unitIDs = state.unitsByCode
        var personIDs = Dictionary(state.people.compactMap { person in person.employeeNumber.map { ($0, person.id) } },
                                   uniquingKeysWith: { first, _ in first })
        if let plan = preview.units {
            try await writeUnits(plan, ids: &unitIDs)
        }
        if let plan = preview.people {
            try await writePeople(plan, ids: &personIDs)
        }
        try await writeLeaders(personIDs: personIDs, unitIDs: unitIDs)
        if let plan = preview.people {
            try await PathwayHandover.reassign(organizationID: org, moved: Dictionary(plan.moved.map { ($0.id, $0.row.units) }, uniquingKeysWith: { first, _ in first }),
                                               leaving: Set(plan.deactivated.map(\.id)), actor: run.actor, key: run.ids().uuidString, outbox: run)
        }
    }

    // MARK: Units

    private func writeUnits(_ plan: UnitsImport.Plan, ids: inout [String: UUID]) async throws {
        for row in plan.added { ids[row.code] = run.ids() }
        // Parents come before their children in `added`, and each chunk is its own statement.
        for rows in plan.added.chunked(Self.chunk) {
            var insert = try sql.insert(into: Unit.schema).columns("id", "organization_id", "parent_id", "name", "code", "leader_employee_number")
            for row in rows {
                insert = insert.values(SQLBind(ids[row.code]), SQLBind(org), SQLBind(row.parentCode.flatMap { ids[$0] }), SQLBind(row.name),
                                       SQLBind(row.code), SQLBind(row.leader))
            }
            try await insert.run()
        }
        for change in plan.changed {
            try await sql.raw("""
                UPDATE units SET name = \(bind: change.row.name), parent_id = \(bind: change.row.parentCode.flatMap { ids[$0] }),
                  leader_employee_number = \(bind: change.row.leader)
                WHERE organization_id = \(bind: org) AND id = \(bind: change.id)
                """).run()
        }
    }

    // MARK: People

    private func writePeople(_ plan: PeopleImport.Plan, ids: inout [String: UUID]) async throws {
        for row in plan.added { ids[row.employeeNumber] = run.ids() }
        for rows in plan.added.chunked(Self.chunk) {
            var insert = try sql.insert(into: Person.schema)
                .columns("id", "organization_id", "name", "profession", "preferred_language", "employee_number", "email", "manager_employee_number", "active")
            for row in rows {
                insert = insert.values(SQLBind(ids[row.employeeNumber]), SQLBind(org), SQLBind(row.name), SQLBind(row.profession), SQLBind(row.language),
                                       SQLBind(row.employeeNumber), SQLBind(row.email), SQLBind(row.manager), SQLBind(true))
            }
            try await insert.run()
        }
        var memberships = plan.added.flatMap { row in row.units.map { (ids[row.employeeNumber]!, $0) } }
        for change in plan.changed {
            let row = change.row
            try await sql.raw("""
                UPDATE people SET employee_number = \(bind: row.employeeNumber), name = \(bind: row.name), email = \(bind: row.email),
                  profession = \(bind: row.profession), preferred_language = \(bind: row.language), manager_employee_number = \(bind: row.manager),
                  active = \(bind: true)
                WHERE organization_id = \(bind: org) AND id = \(bind: change.id)
                """).run()
            if change.fields.contains(.units) {
                try await sql.raw("DELETE FROM person_units WHERE organization_id = \(bind: org) AND person_id = \(bind: change.id)").run()
                memberships += row.units.map { (change.id, $0) }
            }
        }
        for rows in memberships.chunked(Self.chunk) {
            var insert = try sql.insert(into: PersonUnit.schema).columns("id", "organization_id", "person_id", "unit_id")
            for (person, unit) in rows { insert = insert.values(SQLBind(run.ids()), SQLBind(org), SQLBind(person), SQLBind(unit)) }
            try await insert.run()
        }
        for people in plan.deactivated.map(\.id).chunked(Self.chunk) {
            try await sql.raw("UPDATE people SET active = \(bind: false) WHERE organization_id = \(bind: org) AND id IN (\(binds: people))").run()
            // Signed-in devices and API tokens end at once; the next sign-in is refused.
            try await sql.raw("""
                DELETE FROM auth_tokens WHERE organization_id = \(bind: org)
                AND account_id IN (SELECT id FROM accounts WHERE organization_id = \(bind: org) AND person_id IN (\(binds: people)))
                """).run()
        }
    }

    // MARK: Leaders

    /// HR's scopes follow the file: the ones it no longer names go, new ones come with an account and the leader
    /// role where the person had none. A scope given by hand for the same unit becomes HR's.
    private func writeLeaders(personIDs: [String: UUID], unitIDs: [String: UUID]) async throws {
        let lost = preview.leaders.lost.compactMap { state.hrScopes[$0] }
        for rows in lost.chunked(Self.chunk) {
            try await sql.raw("DELETE FROM leader_scopes WHERE organization_id = \(bind: org) AND id IN (\(binds: rows))").run()
        }
        let gained = preview.leaders.gained.compactMap { scope in
            personIDs[scope.employeeNumber].flatMap { person in unitIDs[scope.unitCode].map { (scope: scope, person: person, unit: $0) } }
        }
        guard !gained.isEmpty else { return }
        let people = Array(Set(gained.map(\.person)))
        var accounts: [UUID: UUID] = [:], leads: Set<UUID> = [], scopes: Set<[UUID]> = []
        for rows in people.chunked(Self.chunk) {
            let found = try await sql.raw("""
                SELECT a.id, a.person_id, (SELECT COUNT(*) FROM account_roles r WHERE r.account_id = a.id AND r.organization_id = a.organization_id
                  AND r.role = \(bind: Role.leader.rawValue)) AS leads
                FROM accounts a WHERE a.organization_id = \(bind: org) AND a.person_id IN (\(binds: rows))
                """).all()
            for row in found {
                let account = try row.decode(column: "id", as: UUID.self)
                accounts[try row.decode(column: "person_id", as: UUID.self)] = account
                if try row.decode(column: "leads", as: Int.self) > 0 { leads.insert(account) }
            }
            let manual = try await sql.raw("""
                SELECT ls.account_id, ls.unit_id FROM leader_scopes ls JOIN accounts a ON a.id = ls.account_id AND a.organization_id = ls.organization_id
                WHERE ls.organization_id = \(bind: org) AND a.person_id IN (\(binds: rows))
                """).all()
            for row in manual { scopes.insert([try row.decode(column: "account_id", as: UUID.self), try row.decode(column: "unit_id", as: UUID.self)]) }
        }
        let newAccounts = people.filter { accounts[$0] == nil }
        if !newAccounts.isEmpty {
            let numbers = Dictionary(gained.map { ($0.person, $0.scope.employeeNumber) }, uniquingKeysWith: { first, _ in first })
            var insert = try sql.insert(into: Account.schema).columns("id", "organization_id", "person_id", "username", "password_hash")
            for person in newAccounts {
                let account = run.ids()
                accounts[person] = account
                insert = insert.values(SQLBind(account), SQLBind(org), SQLBind(person), SQLBind(Self.username(numbers[person] ?? "", organization: org)),
                                       SQLBind(run.unusablePasswordHash))
            }
            try await insert.run()
        }
        let needRole = Set(people.compactMap { accounts[$0] }).subtracting(leads)
        if !needRole.isEmpty {
            var insert = try sql.insert(into: AccountRole.schema).columns("id", "organization_id", "account_id", "role")
            for account in needRole { insert = insert.values(SQLBind(run.ids()), SQLBind(org), SQLBind(account), SQLBind(Role.leader.rawValue)) }
            try await insert.run()
        }
        var insert = try sql.insert(into: LeaderScope.schema).columns("id", "organization_id", "account_id", "unit_id", "from_hr")
        var inserting = false
        for item in gained {
            guard let account = accounts[item.person] else { continue }
            if scopes.contains([account, item.unit]) {
                try await sql.raw("""
                    UPDATE leader_scopes SET from_hr = \(bind: true)
                    WHERE organization_id = \(bind: org) AND account_id = \(bind: account) AND unit_id = \(bind: item.unit)
                    """).run()
            } else {
                insert = insert.values(SQLBind(run.ids()), SQLBind(org), SQLBind(account), SQLBind(item.unit), SQLBind(true))
                inserting = true
            }
        }
        if inserting { try await insert.run() }
    }

    /// Never typed (the leader signs in with single sign-on, or is invited and chooses a password), but unique in
    /// the whole installation: the employee number as far as a username can show it, a hash of it exactly (so
    /// `ab` and `AB`, or `A/1` and `A-1`, stay two), and the organization.
    static func username(_ employeeNumber: String, organization: UUID, prefix: String = "hr") -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789")
        let readable = String(employeeNumber.lowercased().map { allowed.contains($0) ? $0 : "-" }.prefix(24))
        return "\(prefix).\(readable).\(Tokens.hash(employeeNumber).prefix(8)).\(organization.uuidString.lowercased().prefix(8))"
    }

}

extension Array {
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
