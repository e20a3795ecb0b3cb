import Fluent
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

    @Test func migrationsRevertAndApplyAgain() async throws {
        try await withTestApp(seed: false) { app in
            try await app.autoRevert()
            try await app.autoMigrate()
            #expect(try await Organization.query(on: app.db).count() == 0)
        }
    }

    @Test func everyTableCarriesTheOrganization() async throws {
        try await withTestApp(seed: false) { app in
            let tables = [Organization.schema, App.Unit.schema, Person.schema, PersonUnit.schema, Account.schema, LeaderScope.schema,
                          AuthToken.schema, Event.schema, ImmediateChecklist.schema, DefusingTriggerRuleRecord.schema, Case.schema,
                          StepRecord.schema, AuditEntry.schema]
            for table in tables {
                // Selecting the column fails if the table lacks it.
                _ = try await app.db.sql().raw("SELECT organization_id FROM \(ident: table) WHERE 1 = 0").all()
            }
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
}
