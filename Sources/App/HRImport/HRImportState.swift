import Domain
import Fluent
import Foundation
import SQLKit

/// What an import is checked against, read in a fixed number of queries however many people there are.
struct HRImportState: Sendable {
    let units: [UnitsImport.Existing]
    let people: [PeopleImport.Existing]
    /// Names, for the preview's lines about people who are not in the file.
    let names: [UUID: String]
    /// The scopes HR gave, by employee number and unit code, with their rows.
    let hrScopes: [HRLeadership.Scope: UUID]
    let settings: HRImportSettings.Loaded

    static func load(organizationID: UUID, on db: any Database) async throws -> HRImportState {
        let sql = try db.sql()
        let unitRows = try await sql.raw("""
            SELECT id, code, name, parent_id, leader_employee_number FROM units WHERE organization_id = \(bind: organizationID)
            """).all()
        let units = try unitRows.map { row in
            UnitsImport.Existing(id: try row.decode(column: "id", as: UUID.self), code: try row.decode(column: "code", as: String?.self),
                                 name: try row.decode(column: "name", as: String.self), parentID: try row.decode(column: "parent_id", as: UUID?.self),
                                 leader: try row.decode(column: "leader_employee_number", as: String?.self))
        }
        let memberships = try await sql.raw("""
            SELECT person_id, unit_id FROM person_units WHERE organization_id = \(bind: organizationID)
            """).all()
        var unitsOf: [UUID: Set<UUID>] = [:]
        for row in memberships {
            unitsOf[try row.decode(column: "person_id", as: UUID.self), default: []].insert(try row.decode(column: "unit_id", as: UUID.self))
        }
        let personRows = try await sql.raw("""
            SELECT id, employee_number, name, email, profession, preferred_language, manager_employee_number, active
            FROM people WHERE organization_id = \(bind: organizationID)
            """).all()
        var names: [UUID: String] = [:]
        let people = try personRows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            let name = try row.decode(column: "name", as: String.self)
            names[id] = name
            return PeopleImport.Existing(
                id: id, employeeNumber: try row.decode(column: "employee_number", as: String?.self), name: name,
                email: try row.decode(column: "email", as: String?.self), profession: try row.decode(column: "profession", as: String.self),
                language: try row.decode(column: "preferred_language", as: String?.self), units: unitsOf[id] ?? [],
                manager: try row.decode(column: "manager_employee_number", as: String?.self), active: try row.decode(column: "active", as: Bool.self))
        }
        let scopeRows = try await sql.raw("""
            SELECT ls.id, p.employee_number, u.code FROM leader_scopes ls
            JOIN accounts a ON a.id = ls.account_id AND a.organization_id = ls.organization_id
            JOIN people p ON p.id = a.person_id AND p.organization_id = a.organization_id
            JOIN units u ON u.id = ls.unit_id AND u.organization_id = ls.organization_id
            WHERE ls.organization_id = \(bind: organizationID) AND ls.from_hr = \(bind: true)
            """).all()
        var hrScopes: [HRLeadership.Scope: UUID] = [:]
        for row in scopeRows {
            guard let number = try row.decode(column: "employee_number", as: String?.self), let code = try row.decode(column: "code", as: String?.self)
            else { continue }
            hrScopes[HRLeadership.Scope(employeeNumber: number, unitCode: code)] = try row.decode(column: "id", as: UUID.self)
        }
        return HRImportState(units: units, people: people, names: names, hrScopes: hrScopes,
                             settings: try await HRImportSettings.load(organizationID: organizationID, on: db))
    }

    var unitsByCode: [String: UUID] {
        Dictionary(units.compactMap { unit in unit.code.map { ($0, unit.id) } }, uniquingKeysWith: { first, _ in first })
    }

    var codeOfUnit: [UUID: String] {
        Dictionary(units.compactMap { unit in unit.code.map { (unit.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// HR's view of who leads what if `units` and `people` were stored.
    static func leadership(units: [HRLeadership.Unit], people: [HRLeadership.Person]) -> Set<HRLeadership.Scope> {
        HRLeadership.scopes(units: units, people: people)
    }

    /// The people as HR's leadership sees them now (for a units file, which leaves people as they are).
    var leadershipPeople: [HRLeadership.Person] {
        let codes = codeOfUnit
        return people.compactMap { person in
            person.employeeNumber.map {
                HRLeadership.Person(employeeNumber: $0, units: Set(person.units.compactMap { codes[$0] }), manager: person.manager, active: person.active)
            }
        }
    }

    var leadershipUnits: [HRLeadership.Unit] {
        units.compactMap { unit in unit.code.map { HRLeadership.Unit(code: $0, leader: unit.leader) } }
    }
}
