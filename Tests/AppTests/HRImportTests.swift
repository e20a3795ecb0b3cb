import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// Issue 22, part 2: units and people from HR's CSV files — checked whole, previewed, applied in one transaction.
@Suite("HR import: units and people from CSV")
struct HRImportTests {
    static func example(_ name: String) throws -> Data {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try Data(contentsOf: root.appendingPathComponent("docs/examples/\(name)"))
    }

    static func run(_ app: Application, _ organization: UUID, actor: UUID? = nil) -> HRImports.Run {
        HRImports.Run(db: app.db, now: pinnedNow, ids: { UUID() }, gate: app.writeGate, organizationID: organization, actor: actor,
                      unusablePasswordHash: app.unknownUserPasswordHash)
    }

    static func count(_ app: Application, _ sql: SQLQueryString) async throws -> Int {
        try await app.db.sql().raw("SELECT COUNT(*) AS n FROM \(sql)").first()?.decode(column: "n", as: Int.self) ?? -1
    }

    static func person(_ app: Application, _ number: String) async throws -> Person {
        try #require(try await Person.query(on: app.db).filter(\.$employeeNumber == number).first())
    }

    static func scope(_ number: String, _ code: String) -> HRLeadership.Scope {
        HRLeadership.Scope(employeeNumber: number, unitCode: code)
    }

    @Test func theExamplesBuildAnOrganizationAndTheSecondExportChangesExactlyItsDifferences() async throws {
        try await withTestApp(seed: false) { app in
            let org = try await FirstStart.createOrganization(FirstStartTests.input(), in: app).organizationID
            let run = Self.run(app, org)
            let units = try await HRImports.preview(.units, file: try Self.example("units.csv"), run: run)
            #expect(units.counts == HRImports.Counts(added: 7))
            #expect(try await Self.count(app, "units") == 0, "a preview writes nothing")
            _ = try await HRImports.apply(.units, file: try Self.example("units.csv"), run: run)
            let people = try await HRImports.apply(.people, file: try Self.example("people.csv"), run: run)
            #expect(people.counts == HRImports.Counts(added: 16))
            // The leader column of units.csv, and for the unit with none (KIR-OP) the manager most of its people name.
            #expect(Set(people.leaders.gained) == [Self.scope("1001", "NFS"), Self.scope("1002", "MED"), Self.scope("1003", "MED-SENG"),
                                                   Self.scope("1004", "MED-AKUTT"), Self.scope("1005", "KIR"), Self.scope("1006", "KIR-SENG"),
                                                   Self.scope("1008", "KIR-OP")])
            let tor = try await Self.person(app, "2004"), ola = try await Self.person(app, "1004"), siri = try await Self.person(app, "1003")
            let marte = try await Self.person(app, "2001")
            #expect(try await Leaders.nearest(to: tor.requireID(), organizationID: org, on: app.db) == ola.id, "HR's leaders lead at once")
            #expect(tor.profession == Profession.nurse.rawValue && tor.preferredLanguage == "nb" && tor.email == "tor.odegard@nordfjord.example")
            #expect(try await Self.person(app, "2003").name == #"Anne-Lise "Lise" Dahl"#, "quoted fields with doubled quotes")
            #expect(try await Self.person(app, "1004").preferredLanguage == "nb", "nn is read as Norwegian")
            #expect(try await Self.count(app, "person_units WHERE person_id = \(bind: try Self.person(app, "2002").requireID())") == 2)

            // The same files again: nothing to write, and nothing is written (not even an audit entry).
            let audits = try await Self.count(app, "audit_entries")
            for (kind, file) in [(ImportKind.units, "units.csv"), (.people, "people.csv")] {
                let again = try await HRImports.apply(kind, file: try Self.example(file), run: run)
                #expect(!again.hasWrites && again.counts.added == 0 && again.counts.changed == 0, "\(file)")
            }
            #expect(try await Self.count(app, "audit_entries") == audits)

            // Marte has an open pathway and an account; Tor has an open pathway that his leader Ola follows.
            let martesCase = UUID(), torsCase = UUID()
            try await Case(id: martesCase, organizationID: org, personID: marte.requireID(), eventID: nil, ownerID: siri.id, openedAt: pinnedNow).create(on: app.db)
            try await Case(id: torsCase, organizationID: org, personID: tor.requireID(), eventID: nil, ownerID: ola.id, openedAt: pinnedNow).create(on: app.db)
            try await Account(id: UUID(), organizationID: org, personID: marte.requireID(), username: "marte.vik",
                              passwordHash: try app.password.hash("marte has a long password")).create(on: app.db)
            #expect(try await Browser(app).post(SiteRoute.login.path, form: [("username", "marte.vik"), ("password", "marte has a long password")])
                .status == .seeOther)

            // units-2.csv: the emergency unit's leader is now 2009, who is not employed yet: Ola's scope ends.
            let units2 = try await HRImports.apply(.units, file: try Self.example("units-2.csv"), run: run)
            #expect(units2.counts == HRImports.Counts(changed: 1, unchanged: 6))
            #expect(units2.units?.changed.map(\.fields) == [[.leader]])
            #expect(units2.leaders.gained.isEmpty && units2.leaders.lost == [Self.scope("1004", "MED-AKUTT")])

            // people-2.csv (commas, every field quoted, CRLF): Marte left, Tor moved, Hanna is new and leads the emergency unit.
            let preview = try await HRImports.preview(.people, file: try Self.example("people-2.csv"), run: run)
            #expect(preview.counts == HRImports.Counts(added: 1, changed: 1, moved: 1, deactivated: 1, unchanged: 14))
            #expect(preview.people?.added.map(\.employeeNumber) == ["2009"])
            #expect(preview.people?.deactivated.map(\.employeeNumber) == ["2001"])
            #expect(preview.people?.moved.map(\.row.employeeNumber) == ["2004"])
            #expect(preview.leaders.gained == [Self.scope("2009", "MED-AKUTT")] && preview.leaders.lost.isEmpty)
            _ = try await HRImports.apply(.people, file: try Self.example("people-2.csv"), expecting: preview.fingerprint, run: run)

            // Marte: deactivated, never deleted; her pathway is still there; she cannot sign in and is told why.
            #expect(try await Self.person(app, "2001").active == false)
            #expect(try await Case.find(martesCase, on: app.db)?.status == .open)
            let refused = try await Browser(app).post(SiteRoute.login.path, form: [("username", "marte.vik"), ("password", "marte has a long password")])
            #expect(refused.status == .forbidden && refused.html.contains("no longer active"))
            // Tor's pathway follows his new unit's leader, Siri; each of the two leaders is told once.
            #expect(try await Case.find(torsCase, on: app.db)?.ownerID == siri.id)
            #expect(try await Self.count(app, "messages WHERE recipient_person_id = \(bind: siri.requireID()) AND kind = 'pathway_handed_over'") == 1)
            #expect(try await Self.count(app, "messages WHERE recipient_person_id = \(bind: ola.requireID()) AND kind = 'pathway_moved_away'") == 1)
            // Hanna leads the emergency unit with an account of her own (for single sign-on or an invitation).
            let hanna = try await Self.person(app, "2009")
            let account = try #require(try await Account.query(on: app.db).filter(\.$personID == hanna.requireID()).first())
            #expect(try await Self.count(app, "account_roles WHERE account_id = \(bind: account.requireID()) AND role = 'leader'") == 1)
            #expect(try await Leaders.nearest(to: try Self.person(app, "2002").requireID(), organizationID: org, on: app.db) != nil)
            // One audit entry per applied file, with its counts.
            let details = try await app.db.sql().raw("SELECT detail FROM audit_entries WHERE object_type = 'hr_import_people'").all()
                .map { try $0.decode(column: "detail", as: String.self) }
            #expect(details.count == 2 && details.contains { $0.contains(#""deactivated":1"#) && $0.contains(#""added":1"#) })

            // Marte comes back in a later export: reactivated, with her history.
            let back = try await HRImports.apply(.people, file: try Self.example("people.csv"), run: run)
            #expect(back.counts.reactivated == 1 && back.people?.reactivated.map(\.row.employeeNumber) == ["2001"])
            #expect(try await Self.person(app, "2001").active)
        }
    }

    @Test func aBrokenFileNamesEveryBadLineAndChangesNothing() async throws {
        try await withTestApp(seed: false) { app in
            let org = try await FirstStart.createOrganization(FirstStartTests.input(), in: app).organizationID
            let run = Self.run(app, org)
            let cyclic = Data("unit_code,unit_name,parent_unit_code,leader_employee_number\nA,Alfa,C,\nB,Beta,A,\nC,Gamma,B,\nD,Delta,,\nD,Delta again,,\nE,,Z,\n".utf8)
            do {
                _ = try await HRImports.apply(.units, file: cyclic, run: run)
                Issue.record("a broken file was applied")
            } catch HRImports.Failure.invalid(let problems) {
                #expect(problems.map { "\($0.line) \($0.column) \($0.reason.rawValue)" } == [
                    "2 parent_unit_code cycle", "6 unit_code duplicate_code", "7 parent_unit_code unknown_parent", "7 unit_name missing_value",
                ])
            }
            #expect(try await Self.count(app, "units") == 0)
            _ = try await HRImports.apply(.units, file: try Self.example("units.csv"), run: run)
            let people = Data("""
                employee_number;name;email;title;unit_codes;language;manager_employee_number
                1;Ann Berg;not-an-address;Sykepleier;MED;nb;
                1;Ben Dahl;ben@x.no;Lege;MED;;
                3;;cee@x.no;Lege;NOPE;;9
                4;Dag Eng;BEN@x.no;Lege;;;4
                5;"Eva ‮Fjell";eva@x.no;Lege;MED;;

                """.utf8)
            do {
                _ = try await HRImports.apply(.people, file: people, run: run)
                Issue.record("a broken file was applied")
            } catch HRImports.Failure.invalid(let problems) {
                #expect(problems.map { "\($0.line) \($0.column) \($0.reason.rawValue)" } == [
                    "2 email invalid_email", "3 employee_number duplicate_employee_number", "4 name missing_value", "4 unit_codes unknown_unit",
                    "5 email duplicate_email", "5 manager_employee_number own_manager", "5 unit_codes missing_value", "6 name invalid_text",
                ])
            }
            #expect(try await Self.count(app, "people") == 1, "only the administrator")
            // A control character anywhere, even in a column nobody maps, refuses the file (it must read back the same
            // between its preview and its application).
            for (file, expected) in [
                ("employee_number;name;unit_codes;note\n1;Ann;MED;ok\n2;Ben;MED;x\u{0}y\n3;Cy;MED;ok\n", [ImportProblem(line: 3, column: "", reason: .invalidText)]),
                ("employee_number;name;name;email;title;unit_codes;language;manager_employee_number\n1;Ann;Ann;;;MED;;\n",
                 [ImportProblem(line: 1, column: "name", reason: .duplicateColumn)]),
                ("employee_number;name;unit_codes;manager_no\n1;Ann;MED;\n", [ImportProblem(line: 1, column: "email", reason: .missingColumn),
                    ImportProblem(line: 1, column: "language", reason: .missingColumn), ImportProblem(line: 1, column: "manager_employee_number", reason: .missingColumn),
                    ImportProblem(line: 1, column: "title", reason: .missingColumn)]),
            ] {
                do {
                    _ = try await HRImports.preview(.people, file: Data(file.utf8), run: run)
                    Issue.record("accepted: \(file)")
                } catch HRImports.Failure.invalid(let problems) {
                    #expect(Set(problems) == Set(expected), "\(file)")
                }
            }
            // A misspelt optional column is refused, not read as empty (which would flatten the tree or drop every leader).
            do {
                _ = try await HRImports.preview(.units, file: Data("unit_code;unit_name;parent_code;leader_employee_number\nA;Alfa;;\n".utf8), run: run)
                Issue.record("a misspelt parent column was read as empty")
            } catch HRImports.Failure.invalid(let problems) {
                #expect(problems == [ImportProblem(line: 1, column: "parent_unit_code", reason: .missingColumn)])
            }
            // A file whose columns are not where the mapping says names the column it missed.
            do {
                _ = try await HRImports.preview(.people, file: Data("Ansattnr;Navn\n1;Ann\n".utf8), run: run)
            } catch HRImports.Failure.invalid(let problems) {
                #expect(problems.count == 7 && problems.allSatisfy { $0.reason == .missingColumn && $0.line == 1 })
            }
            // Not UTF-8 (Latin-1 "ø" on line 3).
            do {
                _ = try await HRImports.preview(.units, file: Data("unit_code,unit_name,parent_unit_code,leader_employee_number\nA,Alfa,,\nB,S".utf8) + Data([0xF8]) + Data("r,,\n".utf8), run: run)
            } catch HRImports.Failure.invalid(let problems) {
                #expect(problems == [ImportProblem(line: 3, column: "", reason: .unreadable)])
            }
        }
    }

    @Test func anAdministratorCannotImportAFileThatWouldLockThemOut() async throws {
        try await withTestApp(seed: false) { app in
            let org = try await FirstStart.createOrganization(FirstStartTests.input(), in: app).organizationID
            let admin = try #require(try await Account.query(on: app.db).first()).personID
            #expect(try await Person.find(admin, on: app.db)?.email == "kari@nordfjord.no", "the address given at the first start")
            // The administrator is in HR's file by their address, so the import takes them over…
            try await app.db.sql().raw("UPDATE people SET email = 'ingrid.lovas@nordfjord.example' WHERE id = \(bind: admin)").run()
            let run = Self.run(app, org, actor: admin)
            _ = try await HRImports.apply(.units, file: try Self.example("units.csv"), run: run)
            let first = try await HRImports.apply(.people, file: try Self.example("people.csv"), run: run)
            #expect(first.counts.added == 15 && first.people?.changed.map(\.id) == [admin])
            #expect(try await Person.find(admin, on: app.db)?.employeeNumber == "1001")
            // …and a later file without them would deactivate the one importing it: refused.
            let without = String(decoding: try Self.example("people.csv"), as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("1001;") }
                .joined(separator: "\n")
            do {
                _ = try await HRImports.apply(.people, file: Data(without.utf8), run: run)
                Issue.record("the administrator deactivated themself")
            } catch HRImports.Failure.invalid(let problems) {
                #expect(problems.first?.reason == .deactivatesYou && problems.first?.value == "1001")
            }
            #expect(try await Person.find(admin, on: app.db)?.active == true)
        }
    }

    @Test func leadersWhoseNumbersDifferOnlyInCaseOrPunctuationGetTwoAccounts() async throws {
        try await withTestApp(seed: false) { app in
            let org = try await FirstStart.createOrganization(FirstStartTests.input(), in: app).organizationID
            let run = Self.run(app, org)
            _ = try await HRImports.apply(.units, file: Data("unit_code;unit_name;parent_unit_code;leader_employee_number\nT;Top;;ab\nX1;En;T;AB\nX2;To;T;A/1\nX3;Tre;T;A-1\n".utf8), run: run)
            let applied = try await HRImports.apply(.people, file: Data("""
                employee_number;name;email;title;unit_codes;language;manager_employee_number
                ab;Anne;;;T;;
                AB;Bjørn;;;X1;;
                A/1;Cecilie;;;X2;;
                A-1;Dag;;;X3;;

                """.utf8), run: run)
            #expect(applied.leaders.gained.count == 4)
            #expect(try await Self.count(app, "accounts WHERE organization_id = \(bind: org) AND username LIKE 'hr.%'") == 4)
        }
    }

    @Test func twentyThousandPeopleAreImportedAndTheSameFileAgainWritesNothing() async throws {
        try await withTestApp(seed: false) { app in
            let org = try await FirstStart.createOrganization(FirstStartTests.input(), in: app).organizationID
            let run = Self.run(app, org)
            var units = "unit_code;unit_name;parent_unit_code;leader_employee_number\nROOT;Sykehuset;;100000\n"
            for index in 0..<40 { units += "U\(index);Enhet \(index);ROOT;\(100_001 + index)\n" }
            _ = try await HRImports.apply(.units, file: Data(units.utf8), run: run)
            var people = "employee_number;name;email;title;unit_codes;language;manager_employee_number\n"
            for index in 0..<20_000 {
                people += "\(100_000 + index);Person Nummer \(index);p\(index)@sykehus.example;Sykepleier;\(index == 0 ? "ROOT" : "U\(index % 40)");nb;\(index == 0 ? "" : "100000")\n"
            }
            let file = Data(people.utf8)
            let applied = try await HRImports.apply(.people, file: file, run: run)
            #expect(applied.counts.added == 20_000 && applied.leaders.gained.count == 41)
            #expect(try await Self.count(app, "people WHERE active = \(bind: true)") == 20_001)
            let writes = try await Self.count(app, "audit_entries")
            let again = try await HRImports.apply(.people, file: file, run: run)
            #expect(!again.hasWrites && again.counts.unchanged == 20_000)
            #expect(try await Self.count(app, "audit_entries") == writes)
        }
    }

    @Test func someoneDeactivatedIsOfferedToNobodyAsASupporter() async throws {
        try await withTestApp { app in
            let org = try #require(try await Organization.query(on: app.db).first()?.requireID())
            let before = try await SupporterDirectory.load(organizationID: org, timeZone: .defaultForOrganizations, now: pinnedNow, on: app.db)
            let leaving = try #require(before.supporters.first).candidate.personID
            try await app.db.sql().raw("UPDATE people SET active = \(bind: false) WHERE id = \(bind: leaving)").run()
            let after = try await SupporterDirectory.load(organizationID: org, timeZone: .defaultForOrganizations, now: pinnedNow, on: app.db)
            #expect(after.supporters.count == before.supporters.count - 1 && !after.supporters.contains { $0.candidate.personID == leaving })
        }
    }
}
