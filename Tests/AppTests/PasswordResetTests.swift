import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// Issue 22, part 5: "Forgotten your password?" sends a one-time link by e-mail, and says nothing of who exists.
@Suite("Password reset")
struct PasswordResetTests {
    @Test func aLinkByEmailSetsANewPasswordOnceAndEndsTheOldSessions() async throws {
        try await withTestApp { app in
            let outbox = RecordingEmailSender()
            app.mail = Mail(sender: outbox, publicBaseURL: "https://ivareta.fjordvik.example/")
            let nurse = try await Browser.signedIn(app, as: "nurse")
            _ = try await nurse.post(SiteRoute.notificationSettings.path, form: [("emailAddress", "ingrid@fjordvik.example")])
            #expect(try await Browser(app).get(SiteRoute.login.path).html.contains(SiteRoute.passwordReset.path))
            // The same answer for a name that exists and one that does not.
            func main(_ html: String) -> Substring? { html.firstMatch(of: /<main[\s\S]*<\/main>/)?.output }
            let known = try await Browser(app).post(SiteRoute.passwordReset.path, form: [("username", " Nurse ")])
            let unknown = try await Browser(app).post(SiteRoute.passwordReset.path, form: [("username", "nobody-here")])
            #expect(known.status == .ok && known.html.contains("a link is on its way"))
            #expect(main(known.html) != nil && main(known.html)?.replacing(/name="_csrf" value="[^"]*"/, with: "")
                == main(unknown.html)?.replacing(/name="_csrf" value="[^"]*"/, with: ""))
            while try await JobWorker(app: app).runOnce() > 0 {}
            let sent = outbox.sent.filter { $0.to == "ingrid@fjordvik.example" }
            #expect(sent.count == 1 && sent[0].subject == "Velg et nytt passord for Ivareta", "in the organization's language")
            let link = try #require(sent.first?.text.firstMatch(of: /https:\/\/ivareta\.fjordvik\.example(\/setup\/[A-Za-z0-9_-]+)/)?.output.1)
            #expect(try await Browser(app).post(String(link), form: [("password", "a new kettle by the river"),
                                                                     ("confirmation", "a new kettle by the river")]).status == .seeOther)
            // The old password is gone, and so is every session it opened.
            #expect(try await nurse.get(SiteRoute.checkIns.path).location?.hasPrefix(SiteRoute.login.path) == true)
            #expect(try await Browser(app).post(SiteRoute.login.path, form: [("username", "nurse"), ("password", DemoSeeder.password)]).status
                == .unauthorized)
            #expect(try await Browser(app).post(SiteRoute.login.path, form: [("username", "nurse"), ("password", "a new kettle by the river")]).status
                == .seeOther)
            #expect(try await Browser(app).get(String(link)).status == .gone, "once")
            // An hour later a new link is dead.
            _ = try await Browser(app).post(SiteRoute.passwordReset.path, form: [("username", "nurse")])
            while try await JobWorker(app: app).runOnce() > 0 {}
            let second = try #require(outbox.sent.last?.text.firstMatch(of: /https:\/\/ivareta\.fjordvik\.example(\/setup\/[A-Za-z0-9_-]+)/)?.output.1)
            app.environmentals.now = { pinnedNow.addingTimeInterval(3601) }
            #expect(try await Browser(app).get(String(second)).status == .gone)
        }
    }

    @Test func withoutEmailItSaysWhomToAskAndAFloodIsSlowedDown() async throws {
        try await withTestApp { app in
            let page = try await Browser(app).get(SiteRoute.passwordReset.path)
            #expect(page.html.contains("E-mail is not set up here") && !page.html.contains(#"name="username""#))
            app.mail = Mail(sender: RecordingEmailSender(), publicBaseURL: "https://ivareta.fjordvik.example/")
            var statuses: [HTTPStatus] = []
            for _ in 0..<7 { statuses.append(try await Browser(app).post(SiteRoute.passwordReset.path, form: [("username", "leader")]).status) }
            #expect(statuses.prefix(5).allSatisfy { $0 == .ok } && statuses.last == .tooManyRequests)
        }
    }
}
