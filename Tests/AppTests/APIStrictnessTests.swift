import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// What a careless or hostile client sends is refused with a clear 4xx, and nothing is stored.
@Suite("API strictness")
struct APIStrictnessTests {
    func event(_ app: Application, _ overrides: [String: Any] = [:]) async throws -> [String: Any] {
        var body: [String: Any] = [
            "kind": "near_miss", "severity": "minor", "occurredAt": "2026-11-23T08:30:00Z",
            "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": "Label mix-up caught at the bedside.",
            "involvedPersonIds": [try await app.personID("nurse").uuidString],
            "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    /// A field the API does not know is refused, never silently dropped: a misspelt "involvedPersonIDs" would
    /// otherwise register an event for nobody, and no body may smuggle in what was said in a conversation.
    @Test func aFieldTheAPIDoesNotKnowIsRefusedByName() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let events = try await Event.query(on: app.db).count()
            let extra = try await leader.send(.POST, "/api/v1/events", json: try await event(app, ["notes": "what was said"]))
            #expect(extra.status == .badRequest)
            #expect(extra.errorCode == "unknown_field")
            #expect((extra.json["error"] as? [String: Any])?["message"] as? String == "notes is not a field of this request.")
            var checklist = try await event(app)["checklist"] as? [String: Any] ?? [:]
            checklist["mood"] = "shaken"
            let nested = try await leader.send(.POST, "/api/v1/events", json: try await event(app, ["checklist": checklist]))
            #expect(nested.status == .badRequest && nested.text.contains("checklist.mood"))
            #expect(try await Event.query(on: app.db).count() == events, "nothing was registered")

            let nurse = try await APIClient.signIn(app, as: "nurse")
            let support = try await nurse.send(.POST, "/api/v1/support-requests", json: ["outsideUnit": true, "reason": "my manager"])
            #expect(support.status == .badRequest && support.errorCode == "unknown_field")
            #expect(try await app.db.sql().raw("SELECT COUNT(*) AS n FROM support_requests WHERE person_id = \(bind: try await app.personID("nurse"))")
                .first()?.decode(column: "n", as: Int.self) == 0)
            let token = try await APIClient(app: app, token: nil).send(.POST, "/api/v1/auth/token",
                                                                        json: ["username": "nurse", "password": "demo-password", "remember": true])
            #expect(token.status == .badRequest && token.errorCode == "unknown_field")
        }
    }

    @Test func onlyJSONInUTF8IsRead() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let json = String(decoding: try JSONSerialization.data(withJSONObject: try await event(app)), as: UTF8.self)

            let plain = try await leader.send(.POST, "/api/v1/events", raw: json, contentType: .plainText)
            #expect(plain.status == .unsupportedMediaType)
            #expect(plain.errorCode == "unsupported_media_type")
            #expect(try await leader.send(.POST, "/api/v1/events", raw: json, contentType: nil).status == .unsupportedMediaType)
            #expect(try await leader.send(.POST, "/api/v1/events", raw: json, contentType: .urlEncodedForm).status == .unsupportedMediaType)

            var utf16: [UInt8] = [0xFF, 0xFE]
            for unit in json.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            let wide = try await leader.send(.POST, "/api/v1/events", bytes: utf16)
            #expect(wide.status == .badRequest)
            #expect(wide.errorCode == "malformed_json")
            let noBOM = try await leader.send(.POST, "/api/v1/events", bytes: Array(utf16.dropFirst(2)))
            #expect(noBOM.status == .badRequest)

            let rawNUL = try await leader.send(.POST, "/api/v1/events", bytes: Array(json.replacingOccurrences(of: "Label", with: "La\u{0}bel").utf8))
            #expect(rawNUL.status == .badRequest)
            #expect(try await Event.query(on: app.db).count() == 5)
            // The same JSON as it should be sent is accepted, so the refusals above were about the encoding.
            #expect(try await leader.send(.POST, "/api/v1/events", raw: json).status == .created)
        }
    }

    @Test func namingSomeoneTwiceOpensOnePathwayForThem() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let nurse = try await app.personID("nurse").uuidString
            let created = try await leader.send(.POST, "/api/v1/events", json: try await event(app, ["involvedPersonIds": [nurse, nurse, nurse]]))
            #expect(created.status == .created)
            #expect(try created.decode(APIModels.EventCreated.self).cases.count == 1)
        }
    }

    @Test func errorsSpeakJSONNotSwift() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let list = try await leader.send(.POST, "/api/v1/events", raw: "[1]")
            let wrong = try await leader.send(.POST, "/api/v1/events", json: try await event(app, ["checklist": "yes"]))
            let null = try await leader.send(.POST, "/api/v1/events", raw: "null")
            for answer in [list, wrong, null] {
                let message = (answer.json["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(answer.status.code / 100 == 4)
                #expect(!message.contains("Dictionary") && !message.contains("Swift") && !message.hasPrefix(" "), "\(message)")
            }
            #expect(((wrong.json["error"] as? [String: Any])?["message"] as? String) == "checklist must be an object.")
            let anonymous = try await APIClient(app: app, token: nil).send(.GET, "/api/v1/me")
            #expect(anonymous.headers.first(name: .wwwAuthenticate) == "Bearer")
            let empty = try await leader.send(.POST, "/api/v1/support-requests", json: [String: Any](), headers: [("Idempotency-Key", "")])
            #expect(empty.status == .badRequest)
        }
    }

    @Test func controlCharactersInTextAreRefused() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            for (field, value) in [("summary", "Label\u{0}mix-up"), ("summary", "Label\u{1B}[31m"), ("incidentReportRef", "AVV\n1"),
                                   ("summary", "line\u{2028}separator")] {
                let answer = try await leader.send(.POST, "/api/v1/events", json: try await event(app, [field: value]))
                #expect(answer.status == .unprocessableEntity, "\(field) \(value.debugDescription)")
                #expect(answer.errorCode == "control_characters", "\(field) \(value.debugDescription)")
            }
            #expect(try await Event.query(on: app.db).count() == 5)
            let multiline = try await leader.send(.POST, "/api/v1/events", json: try await event(app, ["summary": "First line.\nSecond line."]))
            #expect(multiline.status == .created)
        }
    }

    @Test func eventTimesHaveASaneLowerBoundAndOldOnesAreConfirmed() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            for old in ["0001-01-01T00:00:00Z", "1900-03-01T10:00:00Z", "2024-11-01T10:00:00Z"] {
                let answer = try await leader.send(.POST, "/api/v1/events", json: try await event(app, ["occurredAt": old, "oldDateConfirmed": true]))
                #expect(answer.status == .unprocessableEntity, "\(old)")
                #expect(answer.errorCode == "too_old", "\(old)")
            }
            // Forty days back: a typo is likelier than not, so it must be confirmed.
            let unconfirmed = try await leader.send(.POST, "/api/v1/events", json: try await event(app, ["occurredAt": "2026-10-14T08:00:00Z"]))
            #expect(unconfirmed.status == .unprocessableEntity)
            #expect(unconfirmed.errorCode == "needs_confirmation")
            #expect(try await Event.query(on: app.db).count() == 5)
            let confirmed = try await leader.send(.POST, "/api/v1/events", json: try await event(app, ["occurredAt": "2026-10-14T08:00:00Z", "oldDateConfirmed": true]))
            #expect(confirmed.status == .created)
        }
    }

    @Test func theEventFormAsksToConfirmADateMoreThanAMonthBack() async throws {
        try await withTestApp { app in
            let browser = try await Browser.signedIn(app, as: "leader")
            let nurse = try await app.personID("nurse").uuidString
            var form = [
                ("kind", "near_miss"), ("severity", "minor"), ("unitId", try await app.unitID("Surgical Ward 3").uuidString),
                ("occurredAt", "2025-11-23T10:00"), ("summary", "Label mix-up caught at the bedside."), ("involvedPersonIds[]", nurse),
                ("patientSafe", "true"), ("staffSafe", "true"), ("premisesSafe", "true"), ("everyoneInformed", "true"),
            ]
            let asked = try await browser.post(SiteRoute.newEvent.path, form: form)
            #expect(asked.status == .unprocessableEntity)
            #expect(asked.html.contains("name=\"confirmOldDate\""))
            #expect(try await Event.query(on: app.db).count() == 5)
            form.append(("confirmOldDate", "true"))
            #expect(try await browser.post(SiteRoute.newEvent.path, form: form).status == .seeOther)
            #expect(try await Event.query(on: app.db).count() == 6)
        }
    }

    /// The attack's finding: `2026-02-30` was stored as 2 March, a `+25:00` offset and text after the date were
    /// taken. Only real RFC 3339 date-times get through, and a refusal names the field and stores nothing.
    @Test func onlyRealDateTimesAreTaken() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let events = try await Event.query(on: app.db).count()
            for bad in ["2026-02-30T10:00:00Z", "2026-11-23T10:00:00+25:00", "2026-11-23T10:00:00Z SMUGGLE", "2026-11-23T24:00:00Z",
                        "2026-11-23T10:60:00Z", "2026-13-01T10:00:00Z", "2026-11-23 10:00:00Z", "2026-11-23T10:00:00", "２０２６-11-23T10:00:00Z",
                        "2026-11-23T10:00:00+01:60", "2026-11-23T10:00:00.Z"] {
                let refused = try await leader.send(.POST, "/api/v1/events", json: try await event(app, ["occurredAt": bad]))
                #expect(refused.status == .unprocessableEntity, "\(bad)")
                #expect(refused.text.contains("occurredAt"), "\(bad)")
            }
            #expect(try await Event.query(on: app.db).count() == events, "nothing was registered")
            // What RFC 3339 allows still works: an offset, fractions, lower-case separators.
            #expect(ISO8601.parse("2026-11-23T09:30:00+01:00") == ISO8601.parse("2026-11-23T08:30:00Z"))
            #expect(ISO8601.parse("2026-11-23t08:30:00.250z") == ISO8601.parse("2026-11-23T08:30:00Z")?.addingTimeInterval(0.25))
            #expect(ISO8601.parse("2024-02-29T08:30:00Z") != nil && ISO8601.parse("2026-02-29T08:30:00Z") == nil)
            let taken = try await leader.send(.POST, "/api/v1/events", json: try await event(app, ["occurredAt": "2026-11-23T09:30:00+01:00"]))
            #expect(taken.status == .created)
        }
    }

    /// Media types are case-insensitive; the attack's `APPLICATION/JSON` got 415.
    @Test func aMediaTypeInCapitalsIsJSONToo() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let body = String(data: try JSONSerialization.data(withJSONObject: try await event(app)), encoding: .utf8)!
            let answer = try await leader.send(.POST, "/api/v1/events", raw: body, contentType: HTTPMediaType(type: "APPLICATION", subType: "JSON"))
            #expect(answer.status == .created)
        }
    }

    /// The attack's findings: a field named twice was taken (the first won), a garbled gzip body dropped the
    /// connection, and a right-to-left override in a URL reached the log as it was.
    @Test func aFieldNamedTwiceACompressedBodyAndHiddenDirectionMarksAreRefusedOrEscaped() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let events = try await Event.query(on: app.db).count()
            let unit = try await app.unitID("Surgical Ward 3").uuidString, nurse = try await app.personID("nurse").uuidString
            let twice = #"{"kind":"near_miss","kind":"other","severity":"minor","occurredAt":"2026-11-23T08:30:00Z","unitId":"UNIT","summary":"x","involvedPersonIds":["NURSE"],"checklist":{"patientSafe":true,"staffSafe":true,"premisesSafe":true,"everyoneInformed":true}}"#
                .replacingOccurrences(of: "UNIT", with: unit).replacingOccurrences(of: "NURSE", with: nurse)
            let refused = try await leader.send(.POST, "/api/v1/events", raw: twice)
            #expect(refused.status == .badRequest && refused.errorCode == "duplicate_field" && refused.text.contains("kind"))
            let escaped = twice.replacingOccurrences(of: #""kind":"other""#, with: #""kind":"other""#)
            #expect(try await leader.send(.POST, "/api/v1/events", raw: escaped).errorCode == "duplicate_field")
            #expect(DuplicateKeys.first(in: Data(#"{"a":{"b":1},"c":[{"b":2},{"b":3}],"s":"{"a":1,"a":2}"}"#.utf8)) == nil, "the same key in other objects, or inside a string")
            #expect(try await Event.query(on: app.db).count() == events)
            let gzip = try await leader.send(.POST, "/api/v1/events", bytes: [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad], headers: [("Content-Encoding", "gzip")])
            #expect(gzip.status == .unsupportedMediaType && gzip.text.contains("uncompressed"))
            #expect(LogText.safe("/cases/\u{202E}gpj.exe") == "/cases/\\u{202e}gpj.exe")
            #expect(LogText.safe("zero\u{200B}width") == "zero\\u{200b}width")
            // A setup link's token is a password until used: it never reaches the log.
            #expect(SiteRoute.withoutSecrets("/setup/p2qquEp7ionHUp2JZV2MK6oWyGt7p8-U_qugfE7lNiI") == "/setup/redacted")
            #expect(SiteRoute.withoutSecrets("/support/requests/abc") == "/support/requests/abc")
        }
    }

    /// The attack's findings: a version of -1 or 2^31 got 409 (out of date) instead of 422, and page forms
    /// took JSON and multipart bodies.
    @Test func aNumberOutOfItsRangeIs422AndPagesTakeFormsOnly() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let caseID = try await app.caseID(of: "nurse")
            for version in [-1, 2_147_483_648] {
                let answer = try await leader.send(.POST, "/api/v1/cases/\(caseID)/steps/peer_support", json: ["status": "offered", "version": version])
                #expect(answer.status == .unprocessableEntity && answer.text.contains("version must be from 0"), "\(version)")
            }
            let browser = try await Browser.signedIn(app, as: "nurse")
            let token = CSRFProtection.formToken(cookie: browser.cookies[Tokens.csrfCookie] ?? "", session: browser.cookies[Tokens.sessionCookie])
            let before = try await Case.query(on: app.db).count()
            try await app.testing().test(.POST, SiteRoute.requestSupport.path, beforeRequest: { req in
                req.headers.replaceOrAdd(name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
                try req.content.encode(["_csrf": token], as: .json)
            }, afterResponse: { res in #expect(res.status == .unsupportedMediaType) })
            #expect(try await Case.query(on: app.db).count() == before)
        }
    }
}
