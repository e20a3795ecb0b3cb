import Fluent
import Foundation
import Testing
import Vapor
@testable import App

/// Routes are defined once: every case is registered with exactly its methods, and every link and form on
/// every page leads to a registered route.
@Suite("Routes and links")
struct RouteTests {
    static func registered(_ app: Application) -> Set<String> {
        Set(app.routes.all.map { route in
            let path = "/" + route.path.map { component -> String in
                if case .parameter(let name) = component { return "{\(name)}" }
                return component.description
            }.joined(separator: "/")
            return "\(route.method.rawValue) \(path)"
        })
    }

    @Test func everyRouteCaseIsRegisteredWithItsMethodsAndNothingElseIs() async throws {
        try await withTestApp(seed: false) { app in
            let site = Set(SiteRoute.everyCase.flatMap { route in route.methods.map { "\($0.rawValue) \(route.template)" } })
            let api = Set(APIRoute.allCases.map { "\($0.method) \($0.template)" })
            let registered = Self.registered(app).filter { !$0.contains("**") }
            #expect(registered == site.union(api), "unregistered: \(site.union(api).subtracting(registered).sorted()), unlisted: \(registered.subtracting(site.union(api)).sorted())")
            #expect(Set(SiteRoute.everyCase.map(\.template)).count == SiteRoute.everyCase.count, "each case listed once")
        }
    }

    @Test func everyLinkAndFormOnEveryPageLeadsToARegisteredRoute() async throws {
        try await withTestApp { app in
            let caseID = try await app.caseID(of: "nurse")
            let eventID = try #require(try await Case.find(caseID, on: app.db)?.eventID)
            let pages: [(String, [String])] = [
                ("leader", [SiteRoute.tasks.path, SiteRoute.newEvent.path, SiteRoute.event(eventID).path, SiteRoute.caseDetail(caseID).path,
                            SiteRoute.mySupport.path, SiteRoute.requestSupport.path, SiteRoute.inbox.path, SiteRoute.notificationSettings.path]),
                ("nurse", [SiteRoute.mySupport.path, SiteRoute.caseDetail(caseID).path, SiteRoute.requestSupport.path]),
                ("admin", [SiteRoute.parkedJobs.path, SiteRoute.mySupport.path]),
                ("supporter", [SiteRoute.notificationSettings.path]),
            ]
            var checked = 0
            var followed: Set<String> = []
            for (username, paths) in pages {
                let browser = try await Browser.signedIn(app, as: username)
                for path in paths {
                    let page = try await browser.get(path)
                    #expect(page.status == .ok, "\(username) \(path)")
                    for (attribute, method) in [("href", HTTPMethod.GET), ("action", .POST)] {
                        // A phone number to call is not a page of ours.
                        for target in Self.values(of: attribute, in: page.html) where !target.hasPrefix("#") && !target.hasPrefix("tel:") {
                            let bare = String(target.prefix { $0 != "?" && $0 != "#" })
                            let components = bare.split(separator: "/")
                            #expect(SiteRoute.everyCase.contains { $0.methods.contains(method) && $0.matches(components) },
                                    "\(username) \(path): \(method) \(target) leads nowhere")
                            checked += 1
                            // Links are followed once each: what they lead to must exist for this user's organization.
                            if method == .GET, followed.insert("\(username) \(bare)").inserted {
                                #expect(try await browser.get(target).status != .notFound, "\(username) \(path): \(target) is not found")
                            }
                        }
                    }
                }
            }
            #expect(checked > 50)
        }
    }

    /// The values of one attribute everywhere in a page, unescaped the way a browser reads them.
    static func values(of attribute: String, in html: String) -> [String] {
        html.components(separatedBy: " \(attribute)=\"").dropFirst().map { piece in
            String(piece.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
        }
    }
}
