import Domain
import Foundation
import Testing

@Suite("HR import plans")
struct HRImportPlanTests {
    static func table(_ lines: [String], delimiter: Character = ";") -> ImportTable {
        let rows = lines.map { $0.split(separator: delimiter, omittingEmptySubsequences: false).map(String.init) }
        return ImportTable(header: rows[0], records: rows.dropFirst().enumerated().map { ImportTable.Record(line: $0.offset + 2, fields: $0.element) })
    }

    static let unitColumns = Dictionary(uniqueKeysWithValues: UnitField.allCases.map { ($0, $0.defaultColumn) })
    static let peopleColumns = Dictionary(uniqueKeysWithValues: PersonField.allCases.map { ($0, $0.defaultColumn) })

    @Test func childrenComeAfterTheirParentsWhateverTheFileOrder() throws {
        let table = Self.table(["unit_code;unit_name;parent_unit_code;leader_employee_number", "C;Child;B;", "B;Middle;A;", "A;Top;;"])
        let plan = try UnitsImport.plan(table, columns: Self.unitColumns, existing: []).get()
        #expect(plan.added.map(\.code) == ["A", "B", "C"])
    }

    @Test func aLoopInTheTreeIsNamedOnceOnItsFirstLine() {
        let table = Self.table(["unit_code;unit_name;parent_unit_code;leader_employee_number", "X;Top;;", "A;Alfa;C;", "B;Beta;A;", "C;Gamma;B;", "D;Delta;D;"])
        guard case .failure(let refusal) = UnitsImport.plan(table, columns: Self.unitColumns, existing: []) else {
            Issue.record("a loop was accepted")
            return
        }
        #expect(refusal.problems.map(\.reason) == [.cycle, .ownParent])
        #expect(refusal.problems.first?.line == 3 && refusal.problems.first?.value == "A → C → B → A")
    }

    @Test func aMovedUnitIsChangedInItsParentAndAUnitWithoutACodeIsLeftAlone() throws {
        let a = UUID(), b = UUID(), handMade = UUID()
        let existing = [UnitsImport.Existing(id: a, code: "A", name: "Top", parentID: nil, leader: nil),
                        UnitsImport.Existing(id: b, code: "B", name: "Ward", parentID: handMade, leader: "7"),
                        UnitsImport.Existing(id: handMade, code: nil, name: "Made by hand", parentID: nil, leader: nil)]
        let plan = try UnitsImport.plan(Self.table(["unit_code;unit_name;parent_unit_code;leader_employee_number", "A;Top;;", "B;Ward;A;7"]),
                                        columns: Self.unitColumns, existing: existing).get()
        #expect(plan.changed.map(\.fields) == [[.parent]] && plan.unchanged == 1 && plan.left.isEmpty)
    }

    static func context(units: [String: UUID], me: UUID? = nil) -> PeopleImport.Context {
        PeopleImport.Context(unitsByCode: units, professions: ["sykepleier": "nurse"], fallbackProfession: "other",
                             language: { ["nb": "nb", "no": "nb", "da": "da"][$0] }, actingPersonID: me)
    }

    @Test func someoneMadeByHandIsTakenOverByTheirAddressAndOthersAreMatchedByNumber() throws {
        let ward = UUID(), admin = UUID(), nurse = UUID()
        let existing = [
            PeopleImport.Existing(id: admin, employeeNumber: nil, name: "Kari", email: "Kari@Sykehus.no", profession: "other", language: "nb",
                                  units: [], manager: nil, active: true),
            PeopleImport.Existing(id: nurse, employeeNumber: "2", name: "Ola", email: nil, profession: "nurse", language: "nb", units: [ward],
                                  manager: nil, active: false),
        ]
        let table = Self.table(["employee_number;name;email;title;unit_codes;language;manager_employee_number", "1;Kari Nord;kari@sykehus.no;Direktør;W;no;",
                                "2;Ola;;Sykepleier;W;nb;"])
        let plan = try PeopleImport.plan(table, columns: Self.peopleColumns, existing: existing, context: Self.context(units: ["W": ward])).get()
        #expect(plan.added.isEmpty)
        #expect(plan.changed.first { $0.id == admin }?.fields == [.employeeNumber, .name, .units])
        #expect(plan.reactivated.map(\.id) == [nurse] && plan.changed.first { $0.id == nurse }?.fields == [])
        #expect(plan.unmappedTitles == ["Direktør": 1])
    }

    @Test func aColumnTheExportDoesNotHaveIsMarkedWithADash() throws {
        var columns = Self.unitColumns
        columns[.leader] = ImportTable.absent
        let plan = try UnitsImport.plan(Self.table(["unit_code;unit_name;parent_unit_code", "A;Top;"]), columns: columns, existing: []).get()
        #expect(plan.added.map(\.leader) == [nil])
        columns[.code] = ImportTable.absent
        guard case .failure(let refusal) = UnitsImport.plan(Self.table(["unit_name;parent_unit_code", "Top;"]), columns: columns, existing: []) else {
            Issue.record("a required column was left out")
            return
        }
        #expect(refusal.problems == [ImportProblem(line: 1, column: "-", reason: .missingColumn)])
    }

    @Test func aUnitWithoutALeaderInTheFileIsLedByTheManagerMostOfItsPeopleName() {
        let people = [
            HRLeadership.Person(employeeNumber: "10", units: ["W"], manager: "1", active: true),
            HRLeadership.Person(employeeNumber: "11", units: ["W"], manager: "1", active: true),
            HRLeadership.Person(employeeNumber: "12", units: ["W"], manager: "2", active: true),
            HRLeadership.Person(employeeNumber: "1", units: ["W"], manager: "3", active: true),
            HRLeadership.Person(employeeNumber: "2", units: ["X"], manager: nil, active: true),
            HRLeadership.Person(employeeNumber: "3", units: ["X"], manager: nil, active: false),
            HRLeadership.Person(employeeNumber: "20", units: ["Y"], manager: "2", active: true),
            HRLeadership.Person(employeeNumber: "21", units: ["Y"], manager: "1", active: true),
        ]
        let scopes = HRLeadership.scopes(units: [.init(code: "W", leader: nil), .init(code: "X", leader: "3"), .init(code: "Y", leader: nil),
                                                 .init(code: "Z", leader: "2")], people: people)
        // W: two name 1, one names 2 (3 is inactive and leads nobody). X: its leader left. Y: a tie, the lowest number wins. Z: named.
        #expect(scopes == [HRLeadership.Scope(employeeNumber: "1", unitCode: "W"), HRLeadership.Scope(employeeNumber: "1", unitCode: "Y"),
                           HRLeadership.Scope(employeeNumber: "2", unitCode: "Z")])
    }
}
