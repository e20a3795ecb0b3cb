import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// A page costs a fixed number of queries whatever the organization holds: each page's count is pinned, and
/// counted again after its lists have grown, so a later change cannot add a query per row unnoticed.
@Suite("Query counts")
struct QueryCountTests {
    static let expected: [String: Int] = [
        "login": 1, "tasks": 4, "case (leader)": 8, "case (person)": 9, "event": 12, "inbox": 2, "my support": 4,
        "new event": 3, "defusing (leader)": 6, "api defusing": 6, "program": 9, "reviews (quality)": 4, "api reviews": 2, "events (leader)": 3, "correct event": 8, "api instrument": 1, "notification settings": 3, "api me": 1, "api case": 4, "api people": 4, "api units": 2,
        "api peer supporters": 7, "api rota coverage": 3, "support request (person choosing)": 13, "support request (supporter)": 3,
        "api support request": 3, "scheme": 13, "check-ins (person)": 8, "check-in form": 5, "api check-ins": 3, "api consents": 3,
        "referrals (occupational health)": 5, "team rota": 6, "supporter profile (coordinator)": 8, "own availability": 6,
        "organization (admin)": 4, "people (admin)": 5, "imports (admin)": 2, "import preview (admin)": 8, "person (admin)": 5, "organization settings": 2,
    ]

    func counts(_ app: Application, caseID: UUID, eventID: UUID) async throws -> [String: Int] {
        let leader = try await Browser.signedIn(app, as: "leader")
        let nurse = try await Browser.signedIn(app, as: "nurse")
        let api = try await APIClient.signIn(app, as: "leader")
        let coordinator = try await APIClient.signIn(app, as: "coordinator")
        let asking = try await APIClient.signIn(app, as: "nurse")
        let open = try await asking.send(.POST, "/api/v1/support-requests").decode(APIModels.SupportRequestCreated.self).id
        // A second request of another kind: the same one again within minutes would be answered with the first.
        let offered = try await asking.send(.POST, "/api/v1/support-requests", json: ["sameProfession": true]).decode(APIModels.SupportRequestCreated.self).id
        _ = try await asking.send(.POST, "/api/v1/support-requests/\(offered)/choose", json: ["anyone": true])
        let supporterID = try #require(try await app.db.sql().raw("SELECT sp.person_id FROM support_requests r JOIN supporter_profiles sp ON sp.id = r.supporter_id WHERE r.id = \(bind: offered)").first()).decode(column: "person_id", as: UUID.self)
        let supporterAccount = try #require(try await Account.query(on: app.db).filter(\.$personID == supporterID).first())
        let supporter = try await Browser.signedIn(app, as: supporterAccount.username)
        let schemeEditor = try await Browser.signedIn(app, as: "coordinator")
        let team = try #require(try await app.db.sql().raw("SELECT id FROM support_teams ORDER BY name LIMIT 1").first()).decode(column: "id", as: UUID.self)
        let profile = try #require(try await app.db.sql().raw("SELECT id FROM supporter_profiles ORDER BY id LIMIT 1").first()).decode(column: "id", as: UUID.self)
        let sara = try await Browser.signedIn(app, as: "supporter")
        let quality = try await Browser.signedIn(app, as: "quality")
        let qualityAPI = try await APIClient.signIn(app, as: "quality")
        return [
            "login": try await Browser(app).get(SiteRoute.login.path).queries,
            "tasks": try await leader.get(SiteRoute.tasks.path).queries,
            "case (leader)": try await leader.get(SiteRoute.caseDetail(caseID).path).queries,
            "case (person)": try await nurse.get(SiteRoute.caseDetail(caseID).path).queries,
            "event": try await leader.get(SiteRoute.event(eventID).path).queries,
            "defusing (leader)": try await leader.get(SiteRoute.defusing(eventID).path).queries,
            "api defusing": try await api.send(.GET, "/api/v1/events/\(eventID)/defusing").queries,
            "inbox": try await leader.get(SiteRoute.inbox.path).queries,
            "my support": try await nurse.get(SiteRoute.mySupport.path).queries,
            "new event": try await leader.get(SiteRoute.newEvent.path).queries,
            "notification settings": try await leader.get(SiteRoute.notificationSettings.path).queries,
            "api me": try await api.send(.GET, "/api/v1/me").queries,
            "api case": try await api.send(.GET, "/api/v1/cases/\(caseID)").queries,
            "api people": try await api.send(.GET, "/api/v1/people").queries,
            "api units": try await api.send(.GET, "/api/v1/units").queries,
            "api peer supporters": try await coordinator.send(.GET, "/api/v1/peer-supporters").queries,
            "api rota coverage": try await coordinator.send(.GET, "/api/v1/rota/coverage").queries,
            "support request (person choosing)": try await nurse.get(SiteRoute.supportRequest(open).path).queries,
            "support request (supporter)": try await supporter.get(SiteRoute.supportRequest(offered).path).queries,
            "api support request": try await asking.send(.GET, "/api/v1/support-requests/\(offered)").queries,
            "scheme": try await schemeEditor.get(SiteRoute.programScheme.path).queries,
            "check-ins (person)": try await nurse.get(SiteRoute.checkIns.path).queries,
            "check-in form": try await nurse.get(SiteRoute.checkIn(try #require(try await app.db.sql().raw("""
                SELECT ci.id FROM check_ins ci JOIN accounts a ON a.person_id = ci.person_id WHERE a.username = 'nurse' AND ci.status = 'due'
                  AND ci.due_at <= \(bind: pinnedNow) ORDER BY ci.due_at LIMIT 1
                """).first()).decode(column: "id", as: UUID.self)).path).queries,
            "api check-ins": try await asking.send(.GET, "/api/v1/check-ins").queries,
            "api consents": try await asking.send(.GET, "/api/v1/me/consents").queries,
            "referrals (occupational health)": try await Browser.signedIn(app, as: "ohs").get(SiteRoute.referrals.path).queries,
            "organization (admin)": try await Browser.signedIn(app, as: "admin").get(SiteRoute.organization.path).queries,
            "people (admin)": try await Browser.signedIn(app, as: "admin").get(SiteRoute.people.path(PageQuery(search: "a"))).queries,
            "imports (admin)": try await Browser.signedIn(app, as: "admin").get(SiteRoute.imports.path).queries,
            "person (admin)": try await Browser.signedIn(app, as: "admin").get(SiteRoute.managePerson(try await app.personID("leader")).path).queries,
            "organization settings": try await Browser.signedIn(app, as: "admin").get(SiteRoute.organizationSettings.path).queries,
            "import preview (admin)": try await { () async throws -> Int in
                let admin = try await Browser.signedIn(app, as: "admin")
                let held = try await admin.upload(SiteRoute.imports.path, fields: [("kind", "people")],
                                                  file: ("file", "people.csv", Data("employee_number;name;unit_codes\n1;Ann Berg;X\n".utf8)))
                let staged = try await admin.upload(SiteRoute.imports.path, fields: [("kind", "units")], file: ("file", "units.csv", try HRImportTests.example("units.csv")))
                #expect(held.status == .unprocessableEntity && staged.status == .seeOther)
                return try await admin.get(try #require(staged.location)).queries
            }(),
            "team rota": try await schemeEditor.get(SiteRoute.teamRota(team).path).queries,
            "supporter profile (coordinator)": try await schemeEditor.get(SiteRoute.supporterProfile(profile).path).queries,
            "own availability": try await sara.get(SiteRoute.myAvailability.path).queries,
            "program": try await schemeEditor.get(SiteRoute.program.path).queries,
            "reviews (quality)": try await quality.get(SiteRoute.reviews.path).queries,
            "api reviews": try await qualityAPI.send(.GET, "/api/v1/reviews").queries,
            "events (leader)": try await leader.get(SiteRoute.events.path).queries,
            "correct event": try await leader.get(SiteRoute.correctEvent(eventID).path).queries,
            "api instrument": try await asking.send(.GET, "/api/v1/instruments/checkin").queries,
        ]
    }

    @Test func everyPageCostsAFixedNumberOfQueriesWhateverItShows() async throws {
        try await withTestApp { app in
            let caseID = try await app.caseID(of: "nurse")
            let eventID = try #require(try await Case.find(caseID, on: app.db)?.eventID)
            // The demo holds the event's defusing conversation, so its read includes its parts and the audit of them.
            let recorded = try await APIClient.signIn(app, as: "leader").send(.GET, "/api/v1/events/\(eventID)/defusing").decode(APIModels.DefusingList.self)
            #expect(recorded.items.first?.participants.count == 3 && recorded.items.first?.timeline.count == 3)
            // One referral to occupational health, sharing one check-in, so its page reads what it can hold.
            let nurseAPI = try await APIClient.signIn(app, as: "nurse")
            let org = try await app.account("leader").organizationID
            let services = try await Referrals.services(organizationID: org, on: app.db)
            let answered = try await nurseAPI.send(.GET, "/api/v1/check-ins").decode(APIModels.CheckInList.self).items.filter { $0.status == "answered" }
            let first = try #require(answered.first)
            #expect(try await nurseAPI.send(.POST, "/api/v1/cases/\(first.caseId)/referrals", json: [
                "serviceId": try #require(services.first { $0.kind == .occupationalHealth }).id.uuidString, "shareCheckInIds": [first.id.uuidString]])
                .status == .created)
            #expect(try await counts(app, caseID: caseID, eventID: eventID) == Self.expected)

            // Grow every list: events with many people each (the leader's tasks, the person's pathways, an
            // event page with many cases) and a full inbox.
            let leader = try await APIClient.signIn(app, as: "leader")
            let people = try await leader.send(.GET, "/api/v1/people?perPage=200").json["items"] as? [[String: Any]] ?? []
            let involved = people.compactMap { $0["id"] as? String }.prefix(12)
            #expect(involved.count >= 10)
            var bigEvent: UUID?
            for index in 0..<4 {
                let created = try await leader.send(.POST, "/api/v1/events", json: [
                    "kind": "near_miss", "severity": "serious", "occurredAt": "2026-11-2\(index)T08:30:00Z",
                    "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": "Growing the lists.",
                    "involvedPersonIds": Array(involved) + [try await app.personID("nurse").uuidString],
                    "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
                ])
                #expect(created.status == .created)
                bigEvent = try created.decode(APIModels.EventCreated.self).id
            }
            let leaderPerson = try await app.personID("leader")
            for index in 0..<30 {
                try await app.db.sql().raw("""
                    INSERT INTO messages (id, organization_id, recipient_person_id, kind, link_path, idempotency_key, created_at, urgency)
                    VALUES (\(bind: UUID()), \(bind: org), \(bind: leaderPerson), 'step_due.defusing', \(bind: SiteRoute.caseDetail(caseID).path),
                            \(bind: "grow-\(index)"), \(bind: pinnedNow), 'normal')
                    """).run()
            }
            // More supporters, each with languages, a team and a shift.
            let team = try #require(try await app.db.sql().raw("SELECT id FROM support_teams WHERE organization_id = \(bind: org)").first())
                .decode(column: "id", as: UUID.self)
            for person in involved.compactMap(UUID.init(uuidString:)).prefix(10) {
                let supporter = UUID()
                try await app.db.sql().raw("""
                    INSERT INTO supporter_profiles (id, organization_id, person_id, caseload_cap) VALUES (\(bind: supporter), \(bind: org), \(bind: person), 3)
                    """).run()
                for language in ["nb", "en"] {
                    try await app.db.sql().raw("""
                        INSERT INTO supporter_languages (id, organization_id, supporter_id, language)
                        VALUES (\(bind: UUID()), \(bind: org), \(bind: supporter), \(bind: language))
                        """).run()
                }
                try await app.db.sql().raw("""
                    INSERT INTO supporter_team_members (id, organization_id, supporter_id, team_id) VALUES (\(bind: UUID()), \(bind: org), \(bind: supporter), \(bind: team))
                    """).run()
                try await app.db.sql().raw("""
                    INSERT INTO rota_shifts (id, organization_id, team_id, supporter_id, weekday, start_minute, end_minute)
                    VALUES (\(bind: UUID()), \(bind: org), \(bind: team), \(bind: supporter), 3, 600, 720)
                    """).run()
            }
            // The big event's defusing conversation, with every involved person and a long timeline.
            let everyone = Array(Set(Array(involved) + [try await app.personID("nurse").uuidString]))
            #expect(try await leader.send(.POST, "/api/v1/events/\(try #require(bigEvent))/defusing", json: [
                "heldAt": "2026-11-23T11:00:00Z", "durationMinutes": 30,
                "timeline": (0..<10).map { ["at": "2026-11-23T09:0\($0):00Z", "fact": "Fact \($0)"] },
                "participants": everyone.map { ["personId": $0, "wantsColleague": false, "needsPracticalHelp": false, "hasSomeoneTonight": true] },
            ]).status == .created)
            // Reviews with proposals, answered and not.
            let quality = try await APIClient.signIn(app, as: "quality")
            let facilitator = try await app.personID("quality")
            for event in [try #require(bigEvent), eventID] {
                let review = try #require(try await quality.send(.POST, "/api/v1/reviews", json: [
                    "eventId": event.uuidString, "facilitatorId": facilitator.uuidString, "scheduledAt": "2026-12-10T09:00:00Z"]).json["id"] as? String)
                for index in 0..<5 {
                    #expect(try await quality.send(.POST, "/api/v1/reviews/\(review)/proposals", json: [
                        "text": "Proposal \(index)", "proposedBy": facilitator.uuidString]).status == .created)
                }
            }
            // More referrals, each sharing all the nurse's answered check-ins: a second occupational-health service too.
            #expect(answered.count >= 2)
            for name in ["Second occupational health", "Third occupational health"] {
                try await app.db.sql().raw("""
                    INSERT INTO services (id, organization_id, kind, name, contact, created_at)
                    VALUES (\(bind: UUID()), \(bind: org), 'occupational_health', \(bind: name), 'Phone 1', \(bind: pinnedNow))
                    """).run()
            }
            for service in try await Referrals.services(organizationID: org, on: app.db) {
                for caseOfNurse in Set(answered.map(\.caseId)) where !(service.kind == .occupationalHealth && caseOfNurse == first.caseId) {
                    #expect(try await nurseAPI.send(.POST, "/api/v1/cases/\(caseOfNurse)/referrals", json: [
                        "serviceId": service.id.uuidString, "shareCheckInIds": answered.map(\.id.uuidString)]).status == .created)
                }
            }
            let grown = try await counts(app, caseID: caseID, eventID: try #require(bigEvent))
            #expect(grown == Self.expected, "\(grown.filter { Self.expected[$0.key] != $0.value })")
        }
    }
}
