import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// Text an attacker controls, put back into a page, must stay text: it may never end an attribute's quotes
/// or open a tag.
@Suite("Hostile input")
struct HostileInputTests {
    static let payload = "\"'><img src=x onerror=alert(1)>"

    /// The payload appears (so the field really was put back) and only in escaped form.
    static func expectEscaped(_ html: String, _ where: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!html.contains("<img"), "\(`where`): a tag was opened", sourceLocation: sourceLocation)
        #expect(!html.contains("\"'>"), "\(`where`): quotes were ended", sourceLocation: sourceLocation)
        #expect(html.contains("&lt;img"), "\(`where`): the value was not shown", sourceLocation: sourceLocation)
    }

    @Test func attributeValuesAreEscapedWhereverPagesBuildThem() {
        let html = Markup.void("input", [("value", Self.payload), ("title", "a&b")]).render()
        #expect(html == "<input value=\"&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;\" title=\"a&amp;b\"/>")
        let element = Markup.el("a", [("href", "/x?a=\"b\""), ("data-x", "'")], text: "<b>").render()
        #expect(element == "<a href=\"/x?a=&quot;b&quot;\" data-x=\"&#39;\">&lt;b&gt;</a>")
    }

    @Test func rejectedFormsPutBackWhatWasTypedEscaped() async throws {
        try await withTestApp { app in
            let anonymous = Browser(app)
            let login = try await anonymous.post(SiteRoute.login.path, form: [("username", Self.payload), ("password", "x")])
            #expect(login.status == .unauthorized)
            // The username is lower-cased before it is shown again.
            #expect(!login.html.contains("<img"))
            #expect(login.html.contains("&lt;img src=x onerror=alert(1)&gt;"))

            let leader = try await Browser.signedIn(app, as: "leader")
            for field in ["incidentReportRef", "occurredAt", "summary"] {
                var form = ["kind": "near_miss", "severity": "minor", "occurredAt": "2026-11-23T10:00", "summary": "Label mix-up."]
                form[field] = Self.payload
                let page = try await leader.post(SiteRoute.newEvent.path, form: form.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
                #expect(page.status == .unprocessableEntity, "\(field)")
                Self.expectEscaped(page.html, "event form, \(field)")
            }

            let preferences = try await NotificationPreference.query(on: app.db).count()
            for field in ["emailAddress", "quietStart", "quietEnd"] {
                let page = try await leader.post(SiteRoute.notificationSettings.path, form: [(field, Self.payload)])
                #expect(page.status == .unprocessableEntity, "\(field)")
                Self.expectEscaped(page.html, "settings form, \(field)")
            }
            #expect(try await Event.query(on: app.db).count() == 5)
            #expect(try await NotificationPreference.query(on: app.db).count() == preferences)
        }
    }

    /// Names, units and an event's text are typed by people; every page that shows them shows them as text.
    @Test func storedTextIsEscapedOnEveryPage() async throws {
        try await withTestApp { app in
            let nurse = try await app.personID("nurse")
            let sql = try app.db.sql()
            try await sql.update(Person.schema).set("name", to: Self.payload).where("id", .equal, nurse).run()
            try await sql.update(App.Unit.schema).set("name", to: "Ward " + Self.payload).where("name", .equal, "Surgical Ward 3").run()
            let created = try await APIClient.signIn(app, as: "leader").send(.POST, "/api/v1/events", json: [
                "kind": "near_miss", "severity": "minor", "occurredAt": "2026-11-23T08:30:00Z",
                "unitId": try await app.unitID("Ward " + Self.payload).uuidString, "summary": "Summary " + Self.payload,
                "incidentReportRef": Self.payload, "involvedPersonIds": [nurse.uuidString],
                "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
            ])
            #expect(created.status == .created)
            let event = try created.decode(APIModels.EventCreated.self)
            let caseID = try #require(event.cases.first?.id)

            let leader = try await Browser.signedIn(app, as: "leader")
            for path in [SiteRoute.tasks.path, SiteRoute.event(event.id).path, SiteRoute.caseDetail(caseID).path, SiteRoute.newEvent.path] {
                let page = try await leader.get(path)
                #expect(page.status == .ok, "\(path)")
                Self.expectEscaped(page.html, path)
            }
            let person = try await Browser.signedIn(app, as: "nurse")
            for path in [SiteRoute.caseDetail(caseID).path, SiteRoute.mySupport.path] {
                let page = try await person.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.html.contains("<img"), "\(path)")
                #expect(!page.html.contains("\"'>"), "\(path)")
            }
        }
    }
}
