import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// Issue 22, part 3: the administrator gives roles and leader scope, deactivates and reactivates, and keeps the
/// organization's settings — never their own access, and never on a page that changed meanwhile.
@Suite("Administration: roles, scope, deactivation, settings")
struct PersonAdminTests {
    static func version(_ page: Browser.Page, form route: SiteRoute) throws -> String {
        let html = page.html
        let start = try #require(html.range(of: #"action="\#(route.path)""#))
        return String(try #require(html[start.upperBound...].firstMatch(of: /name="version" value="([0-9a-f]+)"/)?.1))
    }

    @Test func theAdministratorGivesARoleAndAScopeAndTheCoordinatorsAreTold() async throws {
        try await withTestApp { app in
            let admin = try await Browser.signedIn(app, as: "admin")
            let nurse = try await app.personID("nurse")
            let page = try await admin.get(SiteRoute.managePerson(nurse).path)
            #expect(page.status == .ok && page.html.contains("Roles and leader scope"))
            let version = try Self.version(page, form: .saveAccess(nurse))
            let unit = try #require(try await Unit.query(on: app.db).filter(\.$name == "Medical Division").first()?.requireID())
            let coordinator = try await app.personID("coordinator")
            let told = try await HRImportTests.count(app, "messages WHERE recipient_person_id = \(bind: coordinator) AND kind = 'access_widened'")
            // What no form of ours sends is refused, not dropped with a "Saved".
            for junk in [[("roles[]", "superuser")], [("roles[]", "involved")], [("scopes[]", "not-a-unit")]] {
                #expect(try await admin.post(SiteRoute.saveAccess(nurse).path, form: [("version", version)] + junk).status == .badRequest, "\(junk)")
            }
            let saved = try await admin.post(SiteRoute.saveAccess(nurse).path, form: [("version", version), ("roles[]", "leader"),
                                                                                      ("scopes[]", unit.uuidString), ("scopes[]", UUID().uuidString)])
            #expect(saved.status == .seeOther)
            let account = try await app.account("nurse")
            let roles = try await AccountRole.query(on: app.db).filter(\.$accountID == account.requireID()).all().map(\.role)
            #expect(roles == [.leader], "only what an administrator may give, and nothing of another organization's")
            #expect(try await LeaderScope.query(on: app.db).filter(\.$accountID == account.requireID()).all().map(\.unitID) == [unit])
            #expect(try await HRImportTests.count(app, "messages WHERE recipient_person_id = \(bind: coordinator) AND kind = 'access_widened'") == told + 1)
            #expect(try await HRImportTests.count(app, "audit_entries WHERE object_type = 'account_roles' AND subject_person_id = \(bind: nurse)") == 1)
            // The same form sent again (another tab, a double click) decided from what is no longer there: nothing changes.
            let stale = try await admin.post(SiteRoute.saveAccess(nurse).path, form: [("version", version), ("roles[]", "admin")])
            #expect(stale.status == .conflict && stale.html.contains("nothing was saved"))
            #expect(try await AccountRole.query(on: app.db).filter(\.$accountID == account.requireID()).all().map(\.role) == [.leader])
        }
    }

    @Test func noAdministratorChangesTheirOwnAccess() async throws {
        try await withTestApp { app in
            let admin = try await Browser.signedIn(app, as: "admin")
            let me = try await app.personID("admin")
            let page = try await admin.get(SiteRoute.managePerson(me).path)
            #expect(page.html.contains("This is you") && !page.html.contains(#"action="\#(SiteRoute.saveAccess(me).path)""#))
            let current = try await AccountAdministration.read(me, organizationID: try await app.account("admin").organizationID, on: app.db).version
            let widened = try await admin.post(SiteRoute.saveAccess(me).path, form: [("version", current), ("roles[]", "admin"), ("roles[]", "coordinator")])
            #expect(widened.status == .forbidden)
            #expect(try await admin.post(SiteRoute.setActive(me).path, form: [("version", current), ("active", "false")]).status == .forbidden)
            let roles = try await AccountRole.query(on: app.db).filter(\.$accountID == app.account("admin").requireID()).all().map(\.role)
            #expect(roles == [.admin])
        }
    }

    @Test func someoneDeactivatedIsSignedOutAtOnceAndReactivatedCanSignInAgain() async throws {
        try await withTestApp { app in
            let admin = try await Browser.signedIn(app, as: "admin")
            let nurseBrowser = try await Browser.signedIn(app, as: "nurse")
            let nurse = try await app.personID("nurse")
            let page = try await admin.get(SiteRoute.managePerson(nurse).path)
            let version = try Self.version(page, form: .setActive(nurse))
            #expect(try await admin.post(SiteRoute.setActive(nurse).path, form: [("version", version), ("active", "false")]).status == .seeOther)
            #expect(try await nurseBrowser.get(SiteRoute.mySupport.path).status == .seeOther, "the open session ended")
            let refused = try await Browser(app).post(SiteRoute.login.path, form: [("username", "nurse"), ("password", DemoSeeder.password)])
            #expect(refused.status == .forbidden)
            // A second click on the old page changes nothing more.
            #expect(try await admin.post(SiteRoute.setActive(nurse).path, form: [("version", version), ("active", "false")]).status == .conflict)
            let again = try await admin.get(SiteRoute.managePerson(nurse).path)
            #expect(again.html.contains("Deactivated"))
            #expect(try await admin.get(SiteRoute.people.path(PageQuery(search: "Ingrid"))).html.contains("deactivated"), "the list says so too")
            #expect(try await admin.post(SiteRoute.setActive(nurse).path, form: [("version", try Self.version(again, form: .setActive(nurse))), ("active", "true")])
                .status == .seeOther)
            #expect(try await Browser(app).post(SiteRoute.login.path, form: [("username", "nurse"), ("password", DemoSeeder.password)]).status == .seeOther)
        }
    }

    @Test func aLeaderWhoIsDeactivatedLeavesNobodyAlone() async throws {
        try await withTestApp { app in
            let caseID = try await app.caseID(of: "nurse")
            let leader = try await app.personID("leader"), director = try await app.personID("director")
            #expect(try await Case.find(caseID, on: app.db)?.ownerID == leader)
            let admin = try await Browser.signedIn(app, as: "admin")
            let page = try await admin.get(SiteRoute.managePerson(leader).path)
            #expect(try await admin.post(SiteRoute.setActive(leader).path, form: [("version", try Self.version(page, form: .setActive(leader))),
                                                                                 ("active", "false")]).status == .seeOther)
            // The nurse's pathway now follows the leader of the division above her ward, who is told once.
            #expect(try await Case.find(caseID, on: app.db)?.ownerID == director)
            #expect(try await HRImportTests.count(app, "messages WHERE recipient_person_id = \(bind: director) AND kind = 'pathway_handed_over'") >= 1)
            #expect(try await HRImportTests.count(app, "messages WHERE recipient_person_id = \(bind: leader) AND kind = 'pathway_moved_away'") == 0)
        }
    }

    @Test func onlyTheOrganizationsAdministratorsReachThesePages() async throws {
        try await withTestApp { app in
            let nurse = try await app.personID("nurse")
            for username in ["leader", "coordinator", "nurse", "supporter", "quality", "ohs"] {
                let other = try await Browser.signedIn(app, as: username)
                #expect(try await other.get(SiteRoute.managePerson(nurse).path).status == .forbidden, "\(username)")
                #expect(try await other.post(SiteRoute.saveAccess(nurse).path, form: [("version", "x"), ("roles[]", "admin")]).status == .forbidden, "\(username)")
                #expect(try await other.post(SiteRoute.setActive(nurse).path, form: [("version", "x"), ("active", "false")]).status == .forbidden, "\(username)")
                #expect(try await other.get(SiteRoute.organizationSettings.path).status == .forbidden, "\(username)")
            }
            let admin = try await Browser.signedIn(app, as: "admin")
            // Someone without an account: their page offers the invitation and no roles.
            let withoutAccount = try #require(try await app.db.sql().raw("""
                SELECT p.id FROM people p LEFT JOIN accounts a ON a.person_id = p.id WHERE a.id IS NULL
                  AND p.organization_id = \(bind: try await app.account("admin").organizationID) LIMIT 1
                """).first()?.decode(column: "id", as: UUID.self))
            let invitePage = try await admin.get(SiteRoute.managePerson(withoutAccount).path)
            #expect(invitePage.status == .ok && invitePage.html.contains("Invite to an account") && !invitePage.html.contains("Roles and leader scope"))
            let outsider = try await app.personID("outsider")
            #expect(try await admin.get(SiteRoute.managePerson(outsider).path).status == .notFound)
            #expect(try await admin.post(SiteRoute.setActive(outsider).path, form: [("version", "x"), ("active", "false")]).status == .notFound)
            #expect(try await Person.find(outsider, on: app.db)?.active == true)
        }
    }

    @Test func theOrganizationsSettingsAreSavedCheckedAndNeverOverwrittenUnseen() async throws {
        try await withTestApp { app in
            let admin = try await Browser.signedIn(app, as: "admin")
            let page = try await admin.get(SiteRoute.organizationSettings.path)
            let version = try Self.version(page, form: .organizationSettings)
            let bad = try await admin.post(SiteRoute.organizationSettings.path, form: [("version", version), ("name", "Fjordvik\u{202E}"), ("country", "XX"),
                                                                                      ("timeZone", "Mars/Olympus"), ("language", "sv")])
            #expect(bad.status == .unprocessableEntity && bad.html.contains("Type a time zone such as Europe/Oslo."))
            let saved = try await admin.post(SiteRoute.organizationSettings.path, form: [("version", version), ("name", "Fjordvik sjukehus"), ("country", "NO"),
                                                                                        ("timeZone", "Europe/Oslo"), ("language", "nb")])
            #expect(saved.status == .seeOther)
            let org = try #require(try await Organization.find(try await app.account("admin").organizationID, on: app.db))
            #expect(org.name == "Fjordvik sjukehus" && org.defaultLanguage == "nb")
            let stale = try await admin.post(SiteRoute.organizationSettings.path, form: [("version", version), ("name", "Another name"), ("country", "DK"),
                                                                                        ("timeZone", "Europe/Copenhagen"), ("language", "da")])
            #expect(stale.status == .conflict && stale.html.contains("Fjordvik sjukehus"))
            #expect(try await Organization.find(org.requireID(), on: app.db)?.name == "Fjordvik sjukehus")
        }
    }
}
