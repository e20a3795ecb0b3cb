import Fluent
import SQLKit
import Foundation
@preconcurrency import Plot
import Testing
import Vapor
@testable import App

@Suite("Infrastructure")
struct InfrastructureTests {
    @Test func demoSeedsOnlyAnEmptyDatabase() async throws {
        try await withTestApp(seed: false) { app in
            let accounts = try #require(try await DemoSeeder.seedIfEmpty(app))
            #expect(Set(accounts.map(\.username)) == ["admin", "coordinator", "leader", "leader2", "director", "nurse", "physician", "supporter", "quality", "ohs", "outsider"])
            #expect(try await Person.query(on: app.db).count() >= 60)
            #expect(try await App.Unit.query(on: app.db).count() >= 6)
            #expect(try await Organization.query(on: app.db).count() == 2)
            let cases = try await Case.query(on: app.db).count()
            #expect(try await DemoSeeder.seedIfEmpty(app) == nil)
            #expect(try await Case.query(on: app.db).count() == cases)
        }
    }

    /// The settings the concurrency rules rely on. PostgreSQL: READ COMMITTED, under which a conditional
    /// UPDATE waiting on a row sees the winner's change. SQLite: write-ahead logging, and every connection
    /// syncing at checkpoints rather than at every commit (see `prepareDatabase`).
    @Test func theDatabaseRunsWithTheSettingsTheRulesRelyOn() async throws {
        try await withTestApp(seed: false) { app in
            if testsUsePostgres {
                let level = try await app.db.sql().raw("SHOW transaction_isolation").first()?.decode(column: "transaction_isolation", as: String.self)
                #expect(level == "read committed")
                return
            }
            for loop in app.eventLoopGroup.makeIterator() {
                let database = try #require(app.databases.database(logger: app.logger, on: loop))
                let row = try await database.withConnection { try await $0.sql().raw("PRAGMA synchronous").first() }
                #expect(try row?.decode(column: "synchronous", as: Int.self) == 1)
            }
            let mode = try await app.db.sql().raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            #expect(mode == "wal")
        }
    }

    @Test func migrationsRevertAndApplyAgain() async throws {
        try await withTestApp(seed: false) { app in
            try await app.autoRevert()
            try await app.autoMigrate()
            #expect(try await Organization.query(on: app.db).count() == 0)
        }
    }

    /// Moving the lists out of joined text and back loses nothing: what a database of the old shape held is
    /// what the new tables hold.
    @Test func listsCarryOverIntoTheirTablesAndBack() async throws {
        try await withTestApp { app in
            func snapshot() async throws -> [String] {
                let sql = try app.db.sql()
                var lines: [String] = []
                for (table, owner, value) in [("account_roles", "account_id", "role"), ("event_tags", "event_id", "tag"),
                                              ("event_defusing_reasons", "event_id", "label"), ("relieved_people", "event_id", "person_id"),
                                              ("defusing_rule_kinds", "rule_id", "kind"), ("defusing_rule_tags", "rule_id", "tag")] {
                    for row in try await sql.raw("SELECT \(ident: owner) AS owner, \(ident: value) AS value FROM \(ident: table)").all() {
                        let text: String
                        if let string = try? row.decode(column: "value", as: String.self) { text = string } else {
                            text = try row.decode(column: "value", as: UUID.self).uuidString
                        }
                        lines.append("\(table) \(try row.decode(column: "owner", as: UUID.self)) \(text)")
                    }
                }
                return lines.sorted()
            }
            let before = try await snapshot()
            #expect(before.contains { $0.hasPrefix("account_roles") } && before.contains { $0.hasPrefix("event_tags") })
            #expect(before.contains { $0.hasPrefix("event_defusing_reasons") } && before.contains { $0.hasPrefix("relieved_people") })
            #expect(before.contains { $0.hasPrefix("defusing_rule_kinds") } && before.contains { $0.hasPrefix("defusing_rule_tags") })
            try await MoveListsIntoTables().revert(on: app.db)
            let roles = try await app.db.sql().raw("SELECT roles FROM accounts WHERE username = 'director'").first()?.decode(column: "roles", as: String.self)
            #expect(roles == "leader")
            try await MoveListsIntoTables().prepare(on: app.db)
            #expect(try await snapshot() == before)
            #expect(try await Browser.signedIn(app, as: "leader").get(SiteRoute.tasks.path).status == .ok)
        }
    }

    /// Read from the database's own catalogue, so a table added later is checked without anyone listing it.
    @Test func everyTableCarriesTheOrganization() async throws {
        try await withTestApp(seed: false) { app in
            let sql = try app.db.sql()
            let rows: [any SQLRow]
            if sql.dialect.name == "postgresql" {
                rows = try await sql.raw("""
                    SELECT t.table_name AS name,
                      EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = t.table_schema
                              AND c.table_name = t.table_name AND c.column_name = 'organization_id') AS scoped
                    FROM information_schema.tables t WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                    """).all()
            } else {
                rows = try await sql.raw("""
                    SELECT m.name AS name,
                      EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE p.name = 'organization_id') AS scoped
                    FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                    """).all()
            }
            var tables: [String: Bool] = [:]
            for row in rows { tables[try row.decode(column: "name", as: String.self)] = try row.decode(column: "scoped", as: Bool.self) }
            // Not organization data: Fluent's record of migrations, and which worker processes are alive.
            let infrastructure: Set<String> = ["_fluent_migrations", "worker_heartbeats"]
            #expect(tables.count >= 17, "\(tables.keys.sorted())")
            let unscoped = tables.filter { !$0.value && !infrastructure.contains($0.key) }.keys.sorted()
            #expect(unscoped.isEmpty, "tables without organization_id: \(unscoped)")
            #expect(infrastructure.isSubset(of: Set(tables.keys)), "the exceptions name real tables")
        }
    }

    /// Plot keeps shared state for its RSS parts; pages are rendered from many requests at once, so rendering
    /// must stay correct under concurrency.
    @Test func pagesRenderCorrectlyFromManyTasksAtOnce() async throws {
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<200 {
                group.addTask {
                    let model = ErrorPageModel(heading: "Heading \(index)", message: "Message \(index) <b>", homeLabel: "Home")
                    let html = PageLayout.render(PageChrome(
                        title: "T\(index)", language: "en", csrf: "c", signedInAs: nil, navigation: [], supportShortcut: nil, inbox: nil,
                        logOutLabel: "", logOutEverywhereLabel: "", skipLabel: "", productName: "Ivareta", flash: nil, languageChoices: [], languageLabel: "", languageSave: ""),
                        main: ErrorPageView(model: model).main)
                    return html.contains("<h1>Heading \(index)</h1>") && html.contains("Message \(index) &lt;b&gt;")
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 200)
        #expect(results.allSatisfy { $0 })
    }

    /// "Still involved in the event" is written once (`CasePredicates`): a query that spelt it out itself could
    /// drift from the others without any rule test noticing.
    @Test func stillInvolvedIsWrittenInOnePlace() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        var places: [String] = []
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let file as URL in files where file.pathExtension == "swift" {
            if try String(contentsOf: file, encoding: .utf8).contains("left_event_at IS NULL") { places.append(file.lastPathComponent) }
        }
        #expect(places == ["CasePredicates.swift"])
    }
}
