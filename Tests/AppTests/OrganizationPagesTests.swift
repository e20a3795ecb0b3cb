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
}
