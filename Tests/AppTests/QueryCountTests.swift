import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// A page costs a fixed number of queries whatever the organization holds: each page's count is pinned, and
/// counted again after its lists have grown.
@Suite("Query counts")
struct QueryCountTests {
    @Test func printCounts() async throws {
        try await withTestApp { app in
            let caseID = try await app.caseID(of: "nurse")
            let eventID = try #require(try await Case.find(caseID, on: app.db)?.eventID)
            let leader = try await Browser.signedIn(app, as: "leader")
            let nurse = try await Browser.signedIn(app, as: "nurse")
            for (who, browser, path) in [("leader", leader, SiteRoute.tasks.path), ("leader", leader, SiteRoute.caseDetail(caseID).path),
                                         ("leader", leader, SiteRoute.event(eventID).path), ("leader", leader, SiteRoute.inbox.path),
                                         ("nurse", nurse, SiteRoute.mySupport.path), ("nurse", nurse, SiteRoute.caseDetail(caseID).path),
                                         ("leader", leader, SiteRoute.newEvent.path), ("leader", leader, SiteRoute.notificationSettings.path)] {
                let page = try await browser.get(path)
                print("QUERIES \(who) \(path): \(page.queries)")
            }
            let api = try await APIClient.signIn(app, as: "leader")
            for path in ["/api/v1/me", "/api/v1/cases/\(caseID)", "/api/v1/people", "/api/v1/units"] {
                print("QUERIES api \(path): \(try await api.send(.GET, path).queries)")
            }
            print("QUERIES login page: \(try await Browser(app).get(SiteRoute.login.path).queries)")
        }
    }
}
