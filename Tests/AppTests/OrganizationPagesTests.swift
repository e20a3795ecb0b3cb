import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// Issue 22, part 3 (begun): the administrator lands on the organization — its units as a tree and its people
/// with a search — and never sees anyone's pathways there.
@Suite("Administration pages")
struct OrganizationPagesTests {
    @Test func theAdministratorSeesUnitsAsATreeAndFindsPeopleButNoPathway() async throws {
        try await withTestApp { app in
            let admin = try await Browser.signedIn(app, as: "admin")
            #expect(try await admin.get(SiteRoute.home.path).location == SiteRoute.organization.path, "the administrator lands here")
            let tree = try await admin.get(SiteRoute.organization.path)
            #expect(tree.status == .ok && tree.html.contains("Surgical Division") && tree.html.contains("Led by"))
            // Surgical Ward 3 sits inside the Surgical Division's list.
            let division = try #require(tree.html.range(of: "Surgical Division"))
            #expect(tree.html[division.upperBound...].contains("Surgical Ward 3"))
            let found = try await admin.get(SiteRoute.people.path(PageQuery(search: "solheim")))
            #expect(found.html.contains("Ingrid Solheim") && found.html.contains("Signs in as nurse") && !found.html.contains("Sara Nilsen"))
            // A search is text: wildcards and markup find nothing and are shown as typed.
            for hostile in ["%", "_", "<b>x</b>", "' OR 1=1 --"] {
                let page = try await admin.get(SiteRoute.people.path(PageQuery(search: hostile)))
                #expect(page.status == .ok && page.html.contains("Nobody matches that") && !page.html.contains("<b>x</b>"), "\(hostile)")
            }
            // Nothing of anyone's pathways, requests or check-ins.
            for page in [tree, found] {
                let main = String(page.html.firstMatch(of: /<main[\s\S]*<\/main>/)?.output ?? "")
                for never in ["Defusing conversation", "Wrong patient", "Trouble sleeping", "Passed on", "overdue"] { #expect(!main.contains(never), "\(never)") }
            }
            // Another organization's people are not there.
            #expect(try await admin.get(SiteRoute.people.path(PageQuery(search: "outsider"))).html.contains("Nobody matches that"))
            for username in ["nurse", "leader", "director", "coordinator", "supporter", "quality", "ohs", "outsider"] {
                let other = try await Browser.signedIn(app, as: username)
                #expect(try await other.get(SiteRoute.organization.path).status == .forbidden, "\(username)")
                #expect(try await other.get(SiteRoute.people.path).status == .forbidden, "\(username)")
            }
        }
    }

    /// Issue 22, part 5: an administrator invites someone without an account; the link comes by e-mail and the
    /// administrator never sets or sees the password.
    @Test func theAdministratorInvitesSomeoneWhoChoosesTheirOwnPassword() async throws {
        try await withTestApp { app in
            let outbox = RecordingEmailSender()
            app.mail = Mail(sender: outbox, publicBaseURL: "https://ivareta.fjordvik.example/")
            let org = try await app.account("admin").organizationID
            let row = try #require(try await app.db.sql().raw("""
                SELECT p.id, p.name FROM people p LEFT JOIN accounts a ON a.person_id = p.id WHERE p.organization_id = \(bind: org) AND a.id IS NULL
                ORDER BY p.name LIMIT 1
                """).first())
            let person = try row.decode(column: "id", as: UUID.self), name = try row.decode(column: "name", as: String.self)
            let admin = try await Browser.signedIn(app, as: "admin")
            #expect(try await admin.get(SiteRoute.people.path(PageQuery(search: name))).html.contains(SiteRoute.invitePerson(person).path))
            #expect(try await admin.get(SiteRoute.invitePerson(person).path).html.contains("Invite \(name)"))
            let bad = try await admin.post(SiteRoute.invitePerson(person).path, form: [("username", "A B"), ("email", "no address")])
            #expect(bad.status == .unprocessableEntity && bad.html.contains("3 to 64 lower-case") && bad.html.contains("not an e-mail address"))
            let taken = try await admin.post(SiteRoute.invitePerson(person).path, form: [("username", "nurse"), ("email", "new@fjordvik.example")])
            #expect(taken.status == .unprocessableEntity && taken.html.contains("taken already"))
            // Two administrators (two tabs) invite the same person at once, under different names: one account.
            let tabs = [admin, try await Browser.signedIn(app, as: "admin")]
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for (index, tab) in tabs.enumerated() {
                    group.addTask {
                        try await tab.post(SiteRoute.invitePerson(person).path,
                                           form: [("username", index == 0 ? "new.person" : "other.name"), ("email", "new@fjordvik.example")]).status
                    }
                }
                var all: [HTTPStatus] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(statuses.filter { $0 == .seeOther }.count == 1 && statuses.contains(.notFound), "\(statuses)")
            #expect(try await Account.query(on: app.db).filter(\.$personID == person).count() == 1)
            let username = try #require(try await Account.query(on: app.db).filter(\.$personID == person).first()).username
            // Once they have an account, there is nobody to invite.
            #expect(try await admin.get(SiteRoute.invitePerson(person).path).status == .notFound)
            while try await JobWorker(app: app).runOnce() > 0 {}
            let mail = try #require(outbox.sent.first { $0.to == "new@fjordvik.example" })
            let link = try #require(mail.text.firstMatch(of: /https:\/\/ivareta\.fjordvik\.example(\/setup\/[A-Za-z0-9_-]+)/)?.output.1)
            #expect(try await Browser(app).post(String(link), form: [("password", "their own long phrase"), ("confirmation", "their own long phrase")])
                .status == .seeOther)
            #expect(try await Browser(app).post(SiteRoute.login.path, form: [("username", username), ("password", "their own long phrase")])
                .status == .seeOther)
            // Nobody else invites, and another organization's people are not found.
            for username in ["nurse", "leader", "coordinator", "outsider"] {
                let other = try await Browser.signedIn(app, as: username)
                #expect(try await other.post(SiteRoute.invitePerson(person).path, form: [("username", "x.y.z"), ("email", "x@fjordvik.example")])
                    .status == .forbidden, "\(username)")
            }
            #expect(try await admin.get(SiteRoute.invitePerson(UUID()).path).status == .notFound)
        }
    }
}
