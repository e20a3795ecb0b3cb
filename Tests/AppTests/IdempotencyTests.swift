import Fluent
import Foundation
import Testing
import Vapor
@testable import App

/// A creation sent twice — a retry, a double tap, the back button — creates one thing.
@Suite("Nothing twice")
struct IdempotencyTests {
    func event(_ app: Application, summary: String = "Label mix-up caught at the bedside.") async throws -> [String: Any] {
        [
            "kind": "near_miss", "severity": "minor", "occurredAt": "2026-11-23T08:30:00Z",
            "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": summary,
            "involvedPersonIds": [try await app.personID("nurse").uuidString],
            "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
        ]
    }

    func counts(_ app: Application) async throws -> [Int] {
        [try await Event.query(on: app.db).count(), try await Case.query(on: app.db).count(), try await StepRecord.query(on: app.db).count(),
         try await Job.query(on: app.db).count()]
    }

    @Test func aRepeatedEventWithTheSameKeyAnswersTheFirstTimeAgain() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let body = try await event(app)
            let first = try await leader.send(.POST, "/api/v1/events", json: body, headers: [("Idempotency-Key", "retry-1")])
            #expect(first.status == .created)
            let after = try await counts(app)
            let again = try await leader.send(.POST, "/api/v1/events", json: body, headers: [("Idempotency-Key", "retry-1")])
            #expect(again.status == .created)
            #expect(again.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(try again.decode(APIModels.EventCreated.self).id == (try first.decode(APIModels.EventCreated.self).id))
            #expect(try await counts(app) == after)

            let other = try await leader.send(.POST, "/api/v1/events", json: try await event(app, summary: "Another event."),
                                              headers: [("Idempotency-Key", "retry-1")])
            #expect(other.status == .conflict)
            #expect(other.errorCode == "idempotency_key_reused")
            #expect(try await counts(app) == after)

            // A key no client could mean is refused rather than ignored; no key at all simply creates.
            let bad = try await leader.send(.POST, "/api/v1/events", json: body, headers: [("Idempotency-Key", "has space")])
            #expect(bad.status == .badRequest)
            #expect(try await counts(app) == after)
            #expect(try await leader.send(.POST, "/api/v1/events", json: body).status == .created)
            #expect(try await Event.query(on: app.db).count() == after[0] + 1)
        }
    }

    @Test func tenConcurrentPostsWithOneKeyCreateOneEvent() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let body = String(decoding: try JSONSerialization.data(withJSONObject: try await event(app)), as: UTF8.self)
            let before = try await Event.query(on: app.db).count()
            let answers = try await withThrowingTaskGroup(of: APIClient.Answer.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await leader.send(.POST, "/api/v1/events", raw: body, headers: [("Idempotency-Key", "double-tap")]) }
                }
                var all: [APIClient.Answer] = []
                for try await answer in group { all.append(answer) }
                return all
            }
            #expect(answers.allSatisfy { $0.status == .created }, "\(answers.map(\.status))")
            #expect(Set(answers.compactMap { try? $0.decode(APIModels.EventCreated.self).id }).count == 1)
            #expect(try await Event.query(on: app.db).count() == before + 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$objectType == "event").filter(\.$action == "create").count() == 1)
        }
    }

    @Test func tenConcurrentSupportRequestsWithOneKeyCreateOneCase() async throws {
        try await withTestApp { app in
            let nurse = try await APIClient.signIn(app, as: "nurse")
            let before = try await Case.query(on: app.db).count()
            let answers = try await withThrowingTaskGroup(of: APIClient.Answer.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await nurse.send(.POST, "/api/v1/support-requests", json: ["outsideUnit": true], headers: [("Idempotency-Key", "k")]) }
                }
                var all: [APIClient.Answer] = []
                for try await answer in group { all.append(answer) }
                return all
            }
            #expect(answers.allSatisfy { $0.status == .created })
            #expect(try await Case.query(on: app.db).count() == before + 1)
        }
    }

    @Test func theEventFormSentAgainRegistersOneEvent() async throws {
        try await withTestApp { app in
            let browser = try await Browser.signedIn(app, as: "leader")
            let page = try await browser.get(SiteRoute.newEvent.path)
            let key = try #require(Self.submissionKey(in: page.html))
            let form = [
                ("kind", "near_miss"), ("severity", "minor"), ("unitId", try await app.unitID("Surgical Ward 3").uuidString),
                ("occurredAt", "2026-11-23T10:00"), ("summary", "Label mix-up caught at the bedside."),
                ("involvedPersonIds[]", try await app.personID("nurse").uuidString),
                ("patientSafe", "true"), ("staffSafe", "true"), ("premisesSafe", "true"), ("everyoneInformed", "true"), ("_submission", key),
            ]
            let first = try await browser.post(SiteRoute.newEvent.path, form: form)
            #expect(first.status == .seeOther)
            let after = try await counts(app)
            // Back, a changed word, and submit again: still the same submission.
            let again = try await browser.post(SiteRoute.newEvent.path, form: form.map { $0.0 == "summary" ? ($0.0, "Changed.") : $0 })
            #expect(again.status == .seeOther)
            #expect(again.location?.hasPrefix(try #require(first.location?.split(separator: "?").first.map(String.init))) == true)
            #expect(try await counts(app) == after)
            let shown = try await browser.get(try #require(again.location))
            #expect(shown.html.contains("already sent"))
            // A fresh form has a fresh key.
            #expect(Self.submissionKey(in: try await browser.get(SiteRoute.newEvent.path).html) != key)
        }
    }

    @Test func theSupportFormSentAgainAsksOnce() async throws {
        try await withTestApp { app in
            let browser = try await Browser.signedIn(app, as: "physician")
            let key = try #require(Self.submissionKey(in: try await browser.get(SiteRoute.requestSupport.path).html))
            let before = try await Case.query(on: app.db).count()
            let first = try await browser.post(SiteRoute.requestSupport.path, form: [("_submission", key)])
            let again = try await browser.post(SiteRoute.requestSupport.path, form: [("_submission", key)])
            #expect(first.status == .seeOther)
            #expect(again.location == first.location)
            #expect(try await Case.query(on: app.db).count() == before + 1)
        }
    }

    static func submissionKey(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_submission\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
