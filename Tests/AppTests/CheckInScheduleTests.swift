import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Check-ins planned with the pathway")
struct CheckInScheduleTests {
    func dueDates(_ app: Application, caseID: UUID) async throws -> [Date] {
        try await app.db.sql().raw("SELECT due_at, status, instrument FROM check_ins WHERE case_id = \(bind: caseID) AND purpose = 'follow_up' ORDER BY due_at").all().map { row in
            #expect(try row.decode(column: "status", as: String.self) == "due" && row.decode(column: "instrument", as: String.self) == "checkin")
            return try row.decode(column: "due_at", as: Date.self)
        }
    }

    @Test func registeringAnEventPlansTheCheckInsAndACorrectedTimeMovesThem() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let nurse = try await app.personID("nurse")
            let occurredAt = try #require(LocalDateTime.parse("2026-11-23T08:00", timeZone: .defaultForOrganizations))
            let created = try await leader.send(.POST, "/api/v1/events", json: [
                "kind": "near_miss", "severity": "moderate", "occurredAt": "2026-11-23T07:00:00Z",
                "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": "Caught in time.",
                "involvedPersonIds": [nurse.uuidString],
                "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
            ]).decode(APIModels.EventCreated.self)
            let caseID = try #require(created.cases.first?.id)
            let planned = try await dueDates(app, caseID: caseID)
            #expect(planned == CheckInSchedule.standard.dueDates(after: occurredAt, timeZone: .defaultForOrganizations))
            #expect(planned.count == 7)
            // And the anniversary's, a week before the day.
            let anniversary = try #require(try await app.db.sql().raw("SELECT due_at FROM check_ins WHERE case_id = \(bind: caseID) AND purpose = 'anniversary'")
                .first()).decode(column: "due_at", as: Date.self)
            #expect(anniversary == CheckInSchedule.standard.anniversaryCheckIn(after: occurredAt, timeZone: .defaultForOrganizations))
            #expect(LocalDateTime.format(anniversary, timeZone: .defaultForOrganizations).hasPrefix("2027-11-16"))

            // The time was typed an hour wrong: the check-ins still due move with it.
            let event = try #require(try await Event.find(created.id, on: app.db))
            let browser = try await Browser.signedIn(app, as: "leader")
            let later = occurredAt.addingTimeInterval(3600)
            #expect(try await browser.post(SiteRoute.correctEvent(created.id).path, form: [
                ("version", "\(event.version)"), ("occurredAt", LocalDateTime.format(later, timeZone: .defaultForOrganizations)),
                ("involvedPersonIds[]", nurse.uuidString),
            ]).status == .seeOther)
            #expect(try await dueDates(app, caseID: caseID) == CheckInSchedule.standard.dueDates(after: later, timeZone: .defaultForOrganizations))
        }
    }
}
