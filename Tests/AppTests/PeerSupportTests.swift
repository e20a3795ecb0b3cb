import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Peer support: suggestions, supporters and the rota")
struct PeerSupportTests {
    func supporterName(_ json: [String: Any]) -> String { json["name"] as? String ?? "" }

    @Test func askingForSupportSuggestsSupportersWhoMayTakeItWithWhyTheyFit() async throws {
        try await withTestApp { app in
            let nurse = try await APIClient.signIn(app, as: "nurse")
            let answer = try await nurse.send(.POST, "/api/v1/support-requests", json: ["sameProfession": true, "outsideUnit": true])
            #expect(answer.status == .created)
            let created = try answer.decode(APIModels.SupportRequestCreated.self)
            #expect(created.status == "open")
            let names = created.suggestions.map(\.name)
            #expect(names.contains("Sara Nilsen"), "the demo's supporter is always among the nurse's suggestions: \(names)")
            #expect(!names.contains("Hege Fossum"), "on leave")
            #expect(!names.contains("Jonas Mikkelsen"), "at his cap")
            #expect(created.suggestions.count <= 3)
            let sara = try #require(created.suggestions.first { $0.name == "Sara Nilsen" })
            #expect(sara.reasons.contains("same_profession") && sara.reasons.contains("outside_unit"), "\(sara.reasons)")
            // Nobody's caseload is shown to the person.
            #expect(!answer.text.contains("load") && !answer.text.contains("cap"))

            let stored = try #require(try await app.db.sql().raw("""
                SELECT case_id, person_id, status, same_profession, outside_unit FROM support_requests WHERE id = \(bind: created.id)
                """).first())
            #expect(try stored.decode(column: "case_id", as: UUID.self) == created.caseId)
            #expect(try stored.decode(column: "person_id", as: UUID.self) == (try await app.personID("nurse")))
            #expect(try stored.decode(column: "same_profession", as: Bool.self) && stored.decode(column: "outside_unit", as: Bool.self))
            #expect(try await nurse.send(.GET, "/api/v1/cases/\(created.caseId)").status == .ok)
        }
    }

    @Test func aWishedLanguageMustBeALanguageCode() async throws {
        try await withTestApp { app in
            let nurse = try await APIClient.signIn(app, as: "nurse")
            for bad in ["DA", "danish", "d", "<b>", "da-DK"] {
                let answer = try await nurse.send(.POST, "/api/v1/support-requests", json: ["language": bad])
                #expect(answer.status == .unprocessableEntity, "\(bad)")
                #expect(answer.errorCode == "invalid_value")
            }
            #expect(try await app.db.sql().raw("SELECT COUNT(*) AS n FROM support_requests WHERE person_id = \(bind: try await app.personID("nurse"))")
                .first()?.decode(column: "n", as: Int.self) == 0, "nothing was stored")
            let danish = try await nurse.send(.POST, "/api/v1/support-requests", json: ["language": "pl"]).decode(APIModels.SupportRequestCreated.self)
            let piotr = try #require(danish.suggestions.first { $0.name == "Piotr Nowak" })
            #expect(piotr.reasons.contains("speaks_language"))
        }
    }

    @Test func theCoordinatorSeesEachSupportersLoadAgainstTheirCapButNotWhomTheySupport() async throws {
        try await withTestApp { app in
            let coordinator = try await APIClient.signIn(app, as: "coordinator")
            let answer = try await coordinator.send(.GET, "/api/v1/peer-supporters")
            #expect(answer.status == .ok)
            let items = try #require(answer.json["items"] as? [[String: Any]])
            #expect(items.map(supporterName) == ["Hege Fossum", "Jonas Mikkelsen", "Kristin Bakke", "Piotr Nowak", "Sara Nilsen"])
            let byName = Dictionary(uniqueKeysWithValues: items.map { (supporterName($0), $0) })
            #expect(byName["Jonas Mikkelsen"]?["load"] as? Int == 2 && byName["Jonas Mikkelsen"]?["cap"] as? Int == 2)
            #expect(byName["Piotr Nowak"]?["load"] as? Int == 1, "a request waiting for him to accept counts")
            #expect(byName["Hege Fossum"]?["onLeave"] as? Bool == true)
            #expect(byName["Kristin Bakke"]?["supervisionOverdue"] as? Bool == true)
            #expect(byName["Sara Nilsen"]?["supervisionOverdue"] as? Bool == false)
            // The people they support are nowhere in it.
            let supported = try await app.db.sql().raw("SELECT p.name FROM support_requests r JOIN people p ON p.id = r.person_id WHERE r.supporter_id IS NOT NULL")
                .all().map { try $0.decode(column: "name", as: String.self) }
            #expect(supported.count == 4)
            for name in supported { #expect(!answer.text.contains(name), "\(name)") }
            #expect(!answer.text.contains("caseId") && !answer.text.contains("personIds"))
        }
    }

    @Test func onlyCoordinatorsSeeTheSchemesFigures() async throws {
        try await withTestApp { app in
            for username in ["nurse", "leader", "director", "supporter", "quality", "ohs", "admin", "outsider"] {
                let client = try await APIClient.signIn(app, as: username)
                for path in ["/api/v1/peer-supporters", "/api/v1/rota/coverage"] {
                    let answer = try await client.send(.GET, path)
                    #expect(answer.status == .forbidden, "\(username) \(path)")
                    #expect(answer.errorCode == "forbidden")
                }
            }
        }
    }

    @Test func coverageShowsTheNightNobodyCoversNextWeek() async throws {
        try await withTestApp { app in
            let coordinator = try await APIClient.signIn(app, as: "coordinator")
            let answer = try await coordinator.send(.GET, "/api/v1/rota/coverage")
            #expect(answer.status == .ok)
            let coverage = try answer.decode(APIModels.Coverage.self)
            #expect(coverage.from == pinnedNow)
            #expect(coverage.to == pinnedNow.addingTimeInterval(28 * 86400))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = .defaultForOrganizations
            let monday = try #require(calendar.nextDate(after: pinnedNow, matching: DateComponents(weekday: 2), matchingPolicy: .nextTime))
            let evening = try #require(calendar.date(byAdding: DateComponents(day: 2, hour: 16), to: monday))
            let morning = try #require(calendar.date(byAdding: DateComponents(day: 3, hour: 8), to: monday))
            #expect(coverage.gaps.map { DateInterval(start: $0.from, end: $0.to) } == [DateInterval(start: evening, end: morning)])

            // Another stretch, asked for exactly; and questions that make no sense are refused.
            let week = try await coordinator.send(.GET, "/api/v1/rota/coverage?from=2027-01-04T00:00:00Z&to=2027-01-11T00:00:00Z")
            #expect(try week.decode(APIModels.Coverage.self).gaps.isEmpty)
            for query in ["from=yesterday", "from=2027-01-11T00:00:00Z&to=2027-01-04T00:00:00Z", "from=2027-01-01T00:00:00Z&to=2027-06-01T00:00:00Z"] {
                let refused = try await coordinator.send(.GET, "/api/v1/rota/coverage?\(query)")
                #expect(refused.status == .badRequest, "\(query)")
                #expect(refused.errorCode == "invalid_query")
            }
        }
    }
}
