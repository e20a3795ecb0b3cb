import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// Issue 22, first start: from an empty database to an administrator who chose their own password.
@Suite("First start: an organization and its administrator from nothing")
struct FirstStartTests {
    static func input(_ username: String = "kari.admin", name: String = "Nordfjord sjukehus", country: String = "no") -> OrganizationRules.Input {
        OrganizationRules.Input(name: name, country: country, timeZone: "Europe/Oslo", language: "nb", adminUsername: username,
                                adminEmail: "kari@nordfjord.no")
    }

    static func path(_ created: FirstStart.Created) -> String {
        String(created.setupLink.dropFirst("http://127.0.0.1:8080".count))
    }

    @Test func theAdministratorChoosesAPasswordOnceFromTheLinkAndSignsIn() async throws {
        try await withTestApp(seed: false) { app in
            let created = try await FirstStart.createOrganization(Self.input(), in: app)
            #expect(created.setupLink.hasPrefix("http://127.0.0.1:8080/setup/"))
            let path = Self.path(created)
            // Before the password is chosen nobody signs in: the stored one is a secret nobody was told.
            #expect(try await Browser(app).post(SiteRoute.login.path, form: [("username", "kari.admin"), ("password", "kari.admin")]).status
                == .unauthorized)
            let browser = Browser(app)
            let page = try await browser.get(path)
            #expect(page.status == .ok && page.html.contains("kari.admin") && page.html.contains("Nordfjord sjukehus"))
            #expect(page.html.contains(#"autocomplete="new-password""#))
            // A weak password is refused, its reason named, and the link still works.
            for (password, confirmation, reason) in [("short", "short", "at least 12 characters"),
                                                     ("passwordpassword", "passwordpassword", "among the first ones people try"),
                                                     ("Kari.Admin-2026!", "Kari.Admin-2026!", "must not contain your username"),
                                                     ("blue kettle river", "blue kettle rivet", "are not the same")] {
                let refused = try await browser.post(path, form: [("password", password), ("confirmation", confirmation)])
                #expect(refused.status == .unprocessableEntity && refused.html.contains(reason), "\(password)")
            }
            // Two tabs send a good password at once: one sets it, the other finds the link used.
            let tabs = [browser, Browser(app)]
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for (index, tab) in tabs.enumerated() {
                    group.addTask {
                        try await tab.post(path, form: [("password", "blue kettle river \(index)"), ("confirmation", "blue kettle river \(index)")]).status
                    }
                }
                var all: [HTTPStatus] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(Set(statuses.map(\.code)) == [303, 410], "\(statuses)")
            var signIns: [HTTPStatus] = []
            for index in 0..<2 {
                signIns.append(try await Browser(app).post(SiteRoute.login.path, form: [("username", "kari.admin"), ("password", "blue kettle river \(index)")])
                    .status)
            }
            #expect(signIns.filter { $0 == .seeOther }.count == 1, "exactly the password that was saved signs in: \(signIns)")
            // Used up: the same page as for a link that never was.
            let used = try await Browser(app).get(path)
            #expect(used.status == .gone && used.html.contains("This link cannot be used"))
            let unknown = try await Browser(app).get(SiteRoute.accountSetup("no-such-link").path)
            func main(_ html: String) -> Substring? { html.firstMatch(of: /<main[\s\S]*<\/main>/)?.output }
            #expect(unknown.status == .gone && main(unknown.html) != nil && main(unknown.html) == main(used.html))
            // Audited: the organization, the account and its password.
            let audited = try await app.db.sql().raw("SELECT object_type FROM audit_entries WHERE organization_id = \(bind: created.organizationID)").all()
                .map { try $0.decode(column: "object_type", as: String.self) }
            #expect(audited.sorted() == ["account", "account_password", "organization"])
        }
    }

    @Test func aSecondOrganizationIsMadeTheSameWayAndALinkLastsADay() async throws {
        try await withTestApp(seed: false) { app in
            let first = try await FirstStart.createOrganization(Self.input(), in: app)
            let second = try await FirstStart.createOrganization(Self.input("ola.admin", name: "Sygehus <Syd>", country: "DK"), in: app)
            #expect(first.organizationID != second.organizationID)
            let secondPage = try await Browser(app).get(Self.path(second))
            #expect(secondPage.html.contains("Sygehus &lt;Syd&gt;"))
            // A username in use, or bad values, are refused with what to change, and nothing is written.
            await #expect(throws: FirstStart.Refusal.self) { _ = try await FirstStart.createOrganization(Self.input(), in: app) }
            do {
                _ = try await FirstStart.createOrganization(OrganizationRules.Input(name: "", country: "SW", timeZone: "Oslo", language: "sv",
                                                                                    adminUsername: "A B", adminEmail: "not an address"), in: app)
                Issue.record("bad values were taken")
            } catch let refusal as FirstStart.Refusal {
                for option in ["--name", "--country must be NO, DK, SE or FI", "--time-zone", "--language", "--admin", "--email"] {
                    #expect(refusal.sentence.contains(option), "\(option)")
                }
            }
            #expect(try await Organization.query(on: app.db).count() == 2)
            #expect(try await Account.query(on: app.db).count() == 2)
            // 25 hours later the link no longer works, and the password stays unknown.
            app.environmentals.now = { pinnedNow.addingTimeInterval(25 * 3600) }
            let late = Browser(app)
            #expect(try await late.get(Self.path(first)).status == .gone)
            #expect(try await late.post(Self.path(first), form: [("password", "blue kettle river"), ("confirmation", "blue kettle river")]).status
                == .gone)
            #expect(try await Browser(app).post(SiteRoute.login.path, form: [("username", "kari.admin"), ("password", "blue kettle river")]).status
                == .unauthorized)
        }
    }
}
