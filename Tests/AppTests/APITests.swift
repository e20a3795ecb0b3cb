import Domain
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

@Suite("JSON API v1")
struct APITests {
    func eventBody(_ app: Application, involved: [UUID], unit: String = "Surgical Ward 3", overrides: [String: Any] = [:]) async throws -> [String: Any] {
        var body: [String: Any] = [
            "kind": "adverse_event_harm", "severity": "serious", "occurredAt": "2026-11-23T08:30:00Z",
            "unitId": try await app.unitID(unit).uuidString, "summary": "Wrong dose given; patient observed and stable.",
            "incidentReportRef": "AVV-2026-2001", "involvedPersonIds": involved.map(\.uuidString),
            "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": false,
                          "relievedPersonIds": [involved[0].uuidString]],
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    @Test func tokenAndMe() async throws {
        try await withTestApp { app in
            let anonymous = APIClient(app: app, token: nil)
            let wrong = try await anonymous.send(.POST, "/api/v1/auth/token", json: ["username": "leader", "password": "nope"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.errorCode == "invalid_credentials")
            #expect(try await anonymous.send(.GET, "/api/v1/me").status == .unauthorized)
            #expect(try await APIClient(app: app, token: "made-up").send(.GET, "/api/v1/me").status == .unauthorized)

            let leader = try await APIClient.signIn(app, as: "leader")
            let me = try await leader.send(.GET, "/api/v1/me")
            #expect(me.status == .ok)
            #expect(me.json["personId"] as? String == (try await app.personID("leader")).uuidString)
            #expect(me.json["roles"] as? [String] == ["involved", "leader"])
        }
    }

    @Test func tokensExpire() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            app.environmentals.now = { pinnedNow.addingTimeInterval(Tokens.apiLifetime + 1) }
            #expect(try await leader.send(.GET, "/api/v1/me").status == .unauthorized)
        }
    }

    @Test func peopleAreScopedToWhatTheCallerMaySee() async throws {
        try await withTestApp { app in
            struct People: Decodable { struct Person: Decodable { let id: UUID; let unitIds: [UUID] }; let items: [Person]; let hasMore: Bool }
            let led: Set<UUID> = [try await app.unitID("Operating Theatres"), try await app.unitID("Surgical Ward 3")]
            let leaderPeople = try await APIClient.signIn(app, as: "leader").send(.GET, "/api/v1/people?perPage=200").decode(People.self)
            #expect(!leaderPeople.items.isEmpty)
            #expect(leaderPeople.items.allSatisfy { !Set($0.unitIds).isDisjoint(with: led) })
            #expect(!leaderPeople.items.map(\.id).contains(try await app.personID(named: "Sara Nilsen")))

            let nursePeople = try await APIClient.signIn(app, as: "nurse").send(.GET, "/api/v1/people").decode(People.self)
            #expect(nursePeople.items.map(\.id) == [try await app.personID("nurse")])

            let adminPeople = try await APIClient.signIn(app, as: "admin").send(.GET, "/api/v1/people?perPage=200").decode(People.self)
            #expect(adminPeople.items.count == 66, "the demo hospital's people, four of them peer supporters added for the scheme")

            let outsiderPeople = try await APIClient.signIn(app, as: "outsider").send(.GET, "/api/v1/people?perPage=200").decode(People.self)
            #expect(outsiderPeople.items.count == 5)
            #expect(!outsiderPeople.items.map(\.id).contains(try await app.personID("nurse")))

            let huge = try await APIClient.signIn(app, as: "admin").send(.GET, "/api/v1/people?page=9223372036854775807&perPage=200")
            #expect(huge.status == .ok)
            #expect(try huge.decode(People.self).items.isEmpty)
            let page = try await APIClient.signIn(app, as: "admin").send(.GET, "/api/v1/people?perPage=10&page=2").decode(People.self)
            #expect(page.items.count == 10)
            #expect(page.hasMore)
        }
    }

    @Test func registeringAnEventOpensAPathwayForEachInvolvedPerson() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let involved = [try await app.personID("nurse"), try await app.personID("physician")]
            let created = try await leader.send(.POST, "/api/v1/events", json: try await eventBody(app, involved: involved))
            #expect(created.status == .created)
            let event = try created.decode(APIModels.EventCreated.self)
            #expect(Set(event.cases.map(\.personId)) == Set(involved))
            #expect(event.defusingRecommendedBy == ["Serious adverse event"])

            let detail = try await leader.send(.GET, "/api/v1/cases/\(event.cases[0].id)").decode(APIModels.CaseDetail.self)
            #expect(detail.steps.map(\.key) == ["defusing", "leader_support", "peer_support", "reporting", "follow_up_meetings",
                                                "adjustments", "learning_review", "apology", "watchful_waiting", "external_help"])
            #expect(detail.steps.first?.dueAt == ISO8601.parse("2026-11-23T16:30:00Z"))
            #expect(detail.eventId == event.id)
            #expect(detail.status == "open")
        }
    }

    @Test func eventInputErrorsAreClear4xx() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let nurse = try await app.personID("nurse")
            let outsideScope = try await app.personID(named: "Sara Nilsen")
            let cases: [(String, [String: Any], HTTPStatus, String)] = [
                ("future", ["occurredAt": "2026-11-24T08:00:00Z"], .unprocessableEntity, "in_future"),
                ("too long", ["summary": String(repeating: "x", count: 2001)], .unprocessableEntity, "too_long"),
                ("unknown kind", ["kind": "earthquake"], .unprocessableEntity, "unknown_value"),
                ("wrong type", ["severity": 3], .unprocessableEntity, "invalid_type"),
                ("not a uuid", ["unitId": "ward-3"], .unprocessableEntity, "invalid_value"),
                ("not a date", ["occurredAt": "yesterday"], .unprocessableEntity, "invalid_value"),
                ("unknown unit", ["unitId": UUID().uuidString], .unprocessableEntity, "unknown_id"),
                ("person outside scope", ["involvedPersonIds": [outsideScope.uuidString]], .forbidden, "out_of_scope"),
                ("unknown person", ["involvedPersonIds": [UUID().uuidString]], .unprocessableEntity, "unknown_id"),
                ("nobody involved", ["involvedPersonIds": [String]()], .unprocessableEntity, "missing"),
            ]
            for (name, override, status, code) in cases {
                let answer = try await leader.send(.POST, "/api/v1/events", json: try await eventBody(app, involved: [nurse], overrides: override))
                #expect(answer.status == status, "\(name)")
                #expect(answer.errorCode == code, "\(name)")
            }
            var missing = try await eventBody(app, involved: [nurse])
            missing["kind"] = nil
            let noKind = try await leader.send(.POST, "/api/v1/events", json: missing)
            #expect(noKind.status == .unprocessableEntity)
            #expect(noKind.errorCode == "missing_field")

            let malformed = try await leader.send(.POST, "/api/v1/events", raw: "{\"kind\": ")
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "malformed_json")
            #expect(try await leader.send(.POST, "/api/v1/events", raw: "").status == .badRequest)
            #expect(try await leader.send(.POST, "/api/v1/events", raw: "[1,2]").status.code / 100 == 4)

            let huge = try await leader.send(.POST, "/api/v1/events", raw: "{\"summary\": \"" + String(repeating: "a", count: 200_000) + "\"}")
            #expect(huge.status == .payloadTooLarge)
            #expect(huge.errorCode == "payload_too_large")

            let nurseClient = try await APIClient.signIn(app, as: "nurse")
            #expect(try await nurseClient.send(.POST, "/api/v1/events", json: try await eventBody(app, involved: [nurse])).status == .forbidden)
            #expect(try await Event.query(on: app.db).count() == 5)
        }
    }

    @Test func stepTransitionsFollowThePathwayTable() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let nurse = try await app.personID("nurse")
            let event = try await leader.send(.POST, "/api/v1/events", json: try await eventBody(app, involved: [nurse])).decode(APIModels.EventCreated.self)
            let caseID = event.cases[0].id
            let path = "/api/v1/cases/\(caseID)/steps"

            let offered = try await leader.send(.POST, "\(path)/peer_support", json: ["status": "offered"])
            #expect(offered.status == .ok)
            #expect(try offered.decode(APIModels.Step.self).status == "offered")

            let nurseClient = try await APIClient.signIn(app, as: "nurse")
            #expect(try await nurseClient.send(.POST, "\(path)/peer_support", json: ["status": "declined"]).status == .ok)
            #expect(try await nurseClient.send(.POST, "\(path)/defusing", json: ["status": "done"]).status == .forbidden)

            let refused = try await leader.send(.POST, "\(path)/peer_support", json: ["status": "done"])
            #expect(refused.status == .conflict)
            #expect(refused.errorCode == "transition_not_allowed")
            #expect(try await leader.send(.POST, "\(path)/peer_support", json: ["status": "offered"]).status == .ok)

            let done = try await leader.send(.POST, "\(path)/defusing", json: ["status": "done"]).decode(APIModels.Step.self)
            #expect(done.doneAt == pinnedNow)
            #expect(try await leader.send(.POST, "\(path)/defusing", json: ["status": "pending"]).status == .conflict)

            #expect(try await leader.send(.POST, "\(path)/defusing", json: ["status": "finished"]).status == .unprocessableEntity)
            #expect(try await leader.send(.POST, "\(path)/no_such_step", json: ["status": "done"]).status == .notFound)
            #expect(try await leader.send(.POST, "/api/v1/cases/not-a-uuid/steps/defusing", json: ["status": "done"]).status == .badRequest)
            #expect(try await leader.send(.POST, "/api/v1/cases/\(UUID())/steps/defusing", json: ["status": "done"]).status == .notFound)
        }
    }

    @Test func caseAccessAcrossRolesUnitsAndOrganizations() async throws {
        try await withTestApp { app in
            let caseID = try await app.caseID(of: "nurse")
            let expected: [(String, HTTPStatus)] = [
                ("nurse", .ok), ("leader", .ok), ("leader2", .forbidden), ("physician", .forbidden), ("supporter", .forbidden),
                ("coordinator", .forbidden), ("quality", .forbidden), ("ohs", .forbidden), ("admin", .forbidden), ("outsider", .notFound),
            ]
            for (username, status) in expected {
                let answer = try await APIClient.signIn(app, as: username).send(.GET, "/api/v1/cases/\(caseID)")
                #expect(answer.status == status, "\(username)")
                #expect(status == .ok || answer.errorCode != nil, "\(username)")
            }
            #expect(try await APIClient.signIn(app, as: "leader").send(.GET, "/api/v1/cases/xyz").status == .badRequest)
        }
    }

    @Test func aPersonCanAskForSupportWithoutAnEvent() async throws {
        try await withTestApp { app in
            let nurse = try await APIClient.signIn(app, as: "nurse")
            let created = try await nurse.send(.POST, "/api/v1/support-requests")
            #expect(created.status == .created)
            let id = try created.decode(APIModels.SupportRequestCreated.self).caseId
            let detail = try await nurse.send(.GET, "/api/v1/cases/\(id)").decode(APIModels.CaseDetail.self)
            #expect(detail.eventId == nil)
            #expect(detail.steps.map(\.key) == ["leader_support", "peer_support", "follow_up_meetings", "adjustments", "watchful_waiting", "external_help"])
            #expect(detail.steps.first { $0.key == "leader_support" }?.status == "not_relevant")

            let withLeader = try await nurse.send(.POST, "/api/v1/support-requests", json: ["involveLeader": true]).decode(APIModels.SupportRequestCreated.self)
            let owned = try #require(try await Case.find(withLeader.caseId, on: app.db))
            #expect(owned.ownerID == (try await app.personID("leader")))
            #expect(try await nurse.send(.POST, "/api/v1/support-requests", json: ["involveLeader": "yes"]).status == .unprocessableEntity)
        }
    }

    @Test func openAPIDocumentDescribesEveryRegisteredRoute() async throws {
        try await withTestApp(seed: false) { app in
            let answer = try await APIClient(app: app, token: nil).send(.GET, "/api/v1/openapi.json")
            #expect(answer.status == .ok)
            #expect(answer.json["openapi"] as? String == "3.1.0")
            let paths = try #require(answer.json["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, item in item.keys.filter { ["get", "post", "put", "delete", "patch"].contains($0) }.map { "\($0.uppercased()) \(path)" } })
            let registered = Set(app.routes.all.compactMap { route -> String? in
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                guard path.hasPrefix("/api/v1/"), !path.contains("**") else { return nil }
                return "\(route.method.rawValue) \(path)"
            })
            #expect(documented == registered)
        }
    }

    @Test func unknownAPIPathsAnswerInTheAPIFormat() async throws {
        try await withTestApp(seed: false) { app in
            let answer = try await APIClient(app: app, token: nil).send(.GET, "/api/v1/nothing-here")
            #expect(answer.status == .notFound)
            #expect(answer.errorCode == "not_found")
        }
    }

    @Test func knownPathsAskedWithAnotherMethodAnswer405WithWhatTheyTake() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let cases: [(HTTPMethod, String, String)] = [
                (.TRACE, "/api/v1/me", "GET"), (.PUT, "/api/v1/events", "POST"), (.DELETE, "/api/v1/cases/\(UUID())", "GET"),
                (.PATCH, "/api/v1/auth/token", "DELETE, POST"), (.PUT, "/api/v1/support-requests", "GET, POST"), (.GET, "/api/v1/support-requests/\(UUID())/accept", "POST"),
                (.RAW(value: "QUERY"), "/api/v1/units", "GET"), (.PUT, "/api/v1/cases/\(UUID())/steps/defusing", "POST"),
            ]
            for (method, path, allow) in cases {
                let answer = try await leader.send(method, path)
                #expect(answer.status == .methodNotAllowed, "\(method) \(path)")
                #expect(answer.errorCode == "method_not_allowed")
                #expect(answer.headers.first(name: .allow) == allow, "\(method) \(path)")
            }
        }
    }

    /// The walkthrough's finding: "Are the staff safe? No" and "Has everyone who must know been told? No" were
    /// only echoed on the event page. Each is now an urgent to-do for the leader who registered it.
    @Test func aNoOnTheChecklistBecomesTheLeadersToDo() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let leaderID = try await app.personID("leader")
            func todos() async throws -> [Message] {
                try await Message.query(on: app.db).filter(\.$recipientPersonID == leaderID)
                    .filter(\.$kind ~~ [EventRegistration.checklistStaffKind, EventRegistration.checklistInformedKind]).all()
            }
            func register(staffSafe: Bool, everyoneInformed: Bool) async throws -> UUID {
                try await leader.send(.POST, "/api/v1/events", json: [
                    "kind": "near_miss", "severity": "minor", "occurredAt": "2026-11-23T08:30:00Z",
                    "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": "Label mix-up caught at the bedside.",
                    "involvedPersonIds": [try await app.personID("nurse").uuidString],
                    "checklist": ["patientSafe": true, "staffSafe": staffSafe, "premisesSafe": true, "everyoneInformed": everyoneInformed],
                ]).decode(APIModels.EventCreated.self).id
            }
            _ = try await register(staffSafe: true, everyoneInformed: true)
            #expect(try await todos().isEmpty, "all yes: nothing to do")
            let eventID = try await register(staffSafe: false, everyoneInformed: false)
            let both = try await todos()
            #expect(Set(both.map(\.kind)) == [EventRegistration.checklistStaffKind, EventRegistration.checklistInformedKind])
            #expect(both.allSatisfy { $0.linkPath == SiteRoute.event(eventID).path && $0.urgency == .urgent })
            let inbox = try await Browser.signedIn(app, as: "leader").get(SiteRoute.inbox.path).html
            #expect(inbox.contains("staff are not safe and all right") && inbox.contains("not everyone who must know has been told"))
        }
    }

    /// The attack's finding: `PUT /support` answered 404, as if the page did not exist. Pages take the same
    /// care as the API: 405 with `Allow`, and a page in the reader's language.
    @Test func pagesAskedWithAnotherMethodAnswer405WithWhatTheyTake() async throws {
        try await withTestApp { app in
            let cases: [(HTTPMethod, String, String)] = [
                (.PUT, "/support", "GET"), (.DELETE, "/support/request", "GET, POST"), (.PATCH, "/cases/\(UUID())", "GET"),
                (.GET, "/logout", "POST"), (.PUT, "/events/\(UUID())/defusing", "GET, POST"),
            ]
            for (method, path, allow) in cases {
                try await app.testing().test(method, path, beforeRequest: { req in
                    req.headers.replaceOrAdd(name: .acceptLanguage, value: "nb")
                }, afterResponse: { res in
                    #expect(res.status == .methodNotAllowed, "\(method) \(path)")
                    #expect(res.headers.first(name: .allow) == allow, "\(method) \(path)")
                    #expect(res.body.string.contains("Denne adressen kan ikke brukes på den måten"), "\(method) \(path)")
                })
            }
            // A path nobody takes is still not found.
            try await app.testing().test(.PUT, "/nothing-here", afterResponse: { res in #expect(res.status == .notFound) })
        }
    }

    /// The document lists exactly the values the Domain types accept, so clients and server cannot drift apart.
    @Test func theDocumentsEnumerationsAndLimitsAreTheDomains() throws {
        let encoded = try JSONEncoder().encode(OpenAPIDocument.document())
        let document = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        func schema(_ path: String, _ method: String) throws -> [String: Any] {
            let operation = try #require(paths[path]?[method] as? [String: Any])
            let body = try #require(operation["requestBody"] as? [String: Any])
            let content = try #require((body["content"] as? [String: Any])?["application/json"] as? [String: Any])
            return try #require(content["schema"] as? [String: Any])
        }
        func property(_ schema: [String: Any], _ name: String) -> [String: Any] {
            (schema["properties"] as? [String: Any])?[name] as? [String: Any] ?? [:]
        }
        let event = try schema("/api/v1/events", "post")
        #expect(property(event, "kind")["enum"] as? [String] == EventKind.allCases.map(\.rawValue))
        #expect(property(event, "severity")["enum"] as? [String] == Severity.allCases.map(\.rawValue))
        #expect((property(event, "tags")["items"] as? [String: Any])?["enum"] as? [String] == EventTag.allCases.map(\.rawValue))
        #expect(property(event, "summary")["maxLength"] as? Int == EventRules.summaryLimit)
        #expect(property(event, "summary")["minLength"] as? Int == 1)
        #expect(property(event, "incidentReportRef")["maxLength"] as? Int == EventRules.referenceLimit)
        #expect(property(event, "involvedPersonIds")["minItems"] as? Int == 1)
        let step = try schema("/api/v1/cases/{caseID}/steps/{stepKey}", "post")
        #expect(property(step, "status")["enum"] as? [String] == StepStatus.allCases.map(\.rawValue))
        let parameters = try #require(paths["/api/v1/cases/{caseID}/steps/{stepKey}"]?["parameters"] as? [[String: Any]])
        let key = try #require(parameters.first { $0["name"] as? String == "stepKey" })
        #expect((key["schema"] as? [String: Any])?["enum"] as? [String] == StepKey.allCases.map(\.rawValue))
    }
}
