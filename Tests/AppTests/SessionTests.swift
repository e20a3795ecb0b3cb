import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// Issue 22, part 6: an idle timeout and an absolute one, and the person's own list of where they are signed in.
@Suite("Sessions")
struct SessionTests {
    @Test func aSessionEndsAfterHalfAnHourUnusedOrTwelveHoursInAll() async throws {
        try await withTestApp { app in
            let browser = try await Browser.signedIn(app, as: "leader")
            // Used every 20 minutes, it lasts.
            for minutes in stride(from: 20, through: 11 * 60 + 40, by: 20) {
                app.environmentals.now = { pinnedNow.addingTimeInterval(TimeInterval(minutes * 60)) }
                #expect(try await browser.get(SiteRoute.tasks.path).status == .ok, "\(minutes) minutes in")
            }
            // …but not past twelve hours.
            app.environmentals.now = { pinnedNow.addingTimeInterval(12 * 3600 + 60) }
            #expect(try await browser.get(SiteRoute.tasks.path).location?.hasPrefix(SiteRoute.login.path) == true)
            // Left alone for 31 minutes, a session has ended.
            let idle = try await Browser.signedIn(app, as: "leader")
            app.environmentals.now = { pinnedNow.addingTimeInterval(12 * 3600 + 60 + 31 * 60) }
            #expect(try await idle.get(SiteRoute.tasks.path).location?.hasPrefix(SiteRoute.login.path) == true)
        }
    }

    @Test func thePersonSeesWhereTheyAreSignedInAndEndsAnyOfIt() async throws {
        try await withTestApp { app in
            let phone = Browser(app)
            phone.userAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
            #expect(try await phone.post(SiteRoute.login.path, form: [("username", "nurse"), ("password", DemoSeeder.password)]).status == .seeOther)
            let desktop = Browser(app)
            desktop.userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
            #expect(try await desktop.post(SiteRoute.login.path, form: [("username", "nurse"), ("password", DemoSeeder.password)]).status == .seeOther)
            _ = try await APIClient.signIn(app, as: "nurse")
            let page = try await phone.get(SiteRoute.sessions.path)
            #expect(page.status == .ok && page.html.contains("Chrome on Android") && page.html.contains("Firefox on Windows"))
            #expect(page.html.contains("API token") && page.html.contains("This device"))
            #expect(page.html.contains(SiteRoute.sessions.path), "linked from every page's foot")
            // Ending the desktop's session signs it out there.
            let org = try await app.account("nurse").organizationID
            let desktopID = try #require(try await app.db.sql().raw("""
                SELECT id FROM auth_tokens WHERE organization_id = \(bind: org) AND device_system = 'Windows'
                """).first()).decode(column: "id", as: UUID.self)
            #expect(try await phone.post(SiteRoute.endSession(desktopID).path, form: []).location?.hasPrefix(SiteRoute.sessions.path) == true)
            #expect(try await desktop.get(SiteRoute.checkIns.path).location?.hasPrefix(SiteRoute.login.path) == true)
            #expect(try await phone.get(SiteRoute.checkIns.path).status == .ok)
            // Someone else's session is not theirs to end, nor to learn of.
            let leader = try await Browser.signedIn(app, as: "leader")
            let leadersID = try #require(try await app.db.sql().raw("""
                SELECT t.id FROM auth_tokens t JOIN accounts a ON a.id = t.account_id WHERE a.username = 'leader' AND t.kind = 'session'
                """).first()).decode(column: "id", as: UUID.self)
            #expect(try await phone.post(SiteRoute.endSession(leadersID).path, form: []).status == .notFound)
            #expect(try await leader.get(SiteRoute.tasks.path).status == .ok)
            #expect(try await Browser.signedIn(app, as: "outsider").post(SiteRoute.endSession(leadersID).path, form: []).status == .notFound)
            // Ending this very session signs out here.
            let phoneID = try #require(try await app.db.sql().raw("""
                SELECT id FROM auth_tokens WHERE organization_id = \(bind: org) AND device_system = 'Android'
                """).first()).decode(column: "id", as: UUID.self)
            #expect(try await phone.post(SiteRoute.endSession(phoneID).path, form: []).location?.hasPrefix(SiteRoute.login.path) == true)
            #expect(try await phone.get(SiteRoute.checkIns.path).location?.hasPrefix(SiteRoute.login.path) == true)
        }
    }
}
