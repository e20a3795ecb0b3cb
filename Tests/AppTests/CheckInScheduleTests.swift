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

    @Test func aCoordinatorChoosesTheOrganizationsScheduleForPathwaysOpenedFromNowOn() async throws {
        try await withTestApp { app in
            let coordinator = try await Browser.signedIn(app, as: "coordinator")
            let path = SiteRoute.setCheckInSchedule.path
            let standard = CheckInSchedules.codes(.standard)
            #expect(try await coordinator.get(SiteRoute.programScheme.path).html.contains("offset-m6"))
            // Nothing chosen, or a time not offered: refused, nothing changed.
            #expect(try await coordinator.post(path, form: [("shown", standard)]).status == .unprocessableEntity)
            #expect(try await coordinator.post(path, form: [("shown", standard), ("offsets[]", "d5<script>")]).status == .unprocessableEntity)
            // Only the coordinator sets it.
            #expect(try await Browser.signedIn(app, as: "leader").post(path, form: [("shown", standard), ("offsets[]", "d3")]).status == .forbidden)
            #expect(try await coordinator.post(path, form: [("shown", standard), ("offsets[]", "m1"), ("offsets[]", "d3")]).status == .seeOther)
            // A page read before that change loses.
            #expect(try await coordinator.post(path, form: [("shown", standard), ("offsets[]", "w1")]).status == .conflict)
            let org = try await app.account("coordinator").organizationID
            #expect(try await CheckInSchedules.load(organizationID: org, on: app.db).offsets == [.days(3), .months(1)])

            let leader = try await APIClient.signIn(app, as: "leader")
            let created = try await leader.send(.POST, "/api/v1/events", json: [
                "kind": "near_miss", "severity": "moderate", "occurredAt": "2026-11-23T07:00:00Z",
                "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": "Caught in time.",
                "involvedPersonIds": [try await app.personID("nurse").uuidString],
                "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
            ]).decode(APIModels.EventCreated.self)
            let occurredAt = try #require(LocalDateTime.parse("2026-11-23T08:00", timeZone: .defaultForOrganizations))
            #expect(try await dueDates(app, caseID: try #require(created.cases.first?.id))
                == CheckInSchedule(offsets: [.days(3), .months(1)]).dueDates(after: occurredAt, timeZone: .defaultForOrganizations))
        }
    }
}
