import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// The responsible leader's records on a pathway: being in touch, follow-up meetings and adjustments, each
/// moving its step and, where it plans something, reminding the leader through the queue.
@Suite("Leader contact, follow-up meetings and adjustments")
struct FollowUpTests {
    func step(_ app: Application, _ caseID: UUID, _ key: StepKey) async throws -> StepRecord {
        try #require(try await StepRecord.query(on: app.db).filter(\.$caseID == caseID).filter(\.$key == key).first())
    }

    /// A fresh pathway for the nurse, led by her leader.
    func freshCase(_ app: Application) async throws -> UUID {
        let leader = try await APIClient.signIn(app, as: "leader")
        let nurse = try await app.personID("nurse")
        let created = try await leader.send(.POST, "/api/v1/events", json: [
            "kind": "near_miss", "severity": "moderate", "occurredAt": "2026-11-23T08:00:00Z",
            "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": "Caught at the bedside check.",
            "involvedPersonIds": [nurse.uuidString],
            "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
        ]).decode(APIModels.EventCreated.self)
        return try #require(created.cases.first?.id)
    }

    @Test func eachRecordMovesItsStepAndPlansItsReminder() async throws {
        try await withTestApp { app in
            let caseID = try await freshCase(app)
            let leader = try await APIClient.signIn(app, as: "leader")
            let contact = try await leader.send(.POST, "/api/v1/cases/\(caseID)/contacts", json: ["date": "2026-11-23T11:30:00Z", "channel": "phone"])
            #expect(contact.status == .created)
            #expect(try await step(app, caseID, .leaderSupport).status == .done)

            let meeting = try await leader.send(.POST, "/api/v1/cases/\(caseID)/meetings", json: [
                "date": "2026-11-23T11:45:00Z", "topics": ["case_status", "peer_support_offered"], "nextAt": "2026-11-30T10:00:00Z",
            ])
            #expect(meeting.status == .created)
            #expect(try await step(app, caseID, .followUpMeetings).status == .done)

            let adjustment = try await leader.send(.POST, "/api/v1/cases/\(caseID)/adjustments", json: [
                "kind": "buddy", "startsOn": "2026-11-24T07:00:00Z", "reviewOn": "2026-12-08T07:00:00Z",
            ])
            #expect(adjustment.status == .created)
            #expect(try await step(app, caseID, .adjustments).status == .accepted)

            // Reminders for the next meeting and the review go to the leader the day before, through the queue.
            let jobs = try await Job.query(on: app.db).filter(\.$kind == .followUpDue).sort(\.$dueAt).all()
            #expect(jobs.map(\.dueAt) == [Date(timeIntervalSince1970: 1_795_946_400), Date(timeIntervalSince1970: 1_796_626_800)])
            app.environmentals = Environmentals(now: { Date(timeIntervalSince1970: 1_796_700_000) }, uuid: { UUID() })
            while try await JobWorker(app: app).runOnce() > 0 {}
            let leaderID = try await app.personID("leader")
            let kinds = Set(try await Message.query(on: app.db).filter(\.$recipientPersonID == leaderID).all().map(\.kind))
            #expect(kinds.isSuperset(of: [FollowUps.meetingDue, FollowUps.reviewDue]))
            let inbox = try await Browser.signedIn(app, as: "leader").get(SiteRoute.inbox.path).html
            #expect(inbox.contains("A follow-up meeting you agreed is tomorrow") && inbox.contains("About: Near miss, 23 Nov 2026"))
        }
    }

    @Test func recordsAreDatesAndChoicesAndNothingElse() async throws {
        try await withTestApp { app in
            let caseID = try await freshCase(app)
            let leader = try await APIClient.signIn(app, as: "leader")
            for (path, body, code) in [
                ("contacts", ["date": "2026-11-23T11:30:00Z", "channel": "phone", "notes": "She cried"] as [String: Any], "unknown_field"),
                ("contacts", ["date": "2026-11-23T11:30:00Z", "channel": "pigeon"], "invalid_value"),
                ("contacts", ["date": "2026-11-27T11:30:00Z", "channel": "phone"], "in_the_future"),
                ("meetings", ["date": "2026-11-23T11:30:00Z", "topics": [String]()], "no_topics"),
                ("meetings", ["date": "2026-11-23T11:30:00Z", "topics": ["case_status"], "nextAt": "2026-11-22T10:00:00Z"], "next_before_this"),
                ("meetings", ["date": "2026-11-23T11:30:00Z", "topics": ["feelings"]], "invalid_value"),
                ("adjustments", ["kind": "buddy", "startsOn": "2026-11-24T07:00:00Z", "reviewOn": "2026-11-24T07:00:00Z"], "review_before_start"),
                ("adjustments", ["kind": "sabbatical", "startsOn": "2026-11-24T07:00:00Z", "reviewOn": "2026-12-24T07:00:00Z"], "invalid_value"),
            ] {
                let refused = try await leader.send(.POST, "/api/v1/cases/\(caseID)/\(path)", json: body)
                #expect(refused.errorCode == code, "\(path) \(body)")
                #expect([.badRequest, .unprocessableEntity].contains(refused.status))
            }
            #expect(try await step(app, caseID, .leaderSupport).status != .done, "nothing changed")
        }
    }

    @Test func onlyTheResponsibleLeaderRecords() async throws {
        try await withTestApp { app in
            let caseID = try await freshCase(app)
            let body: [String: Any] = ["date": "2026-11-23T11:30:00Z", "channel": "phone"]
            for (username, status) in [("nurse", HTTPStatus.forbidden), ("leader2", .forbidden), ("supporter", .forbidden), ("coordinator", .forbidden),
                                       ("quality", .forbidden), ("admin", .forbidden), ("outsider", .notFound)] {
                let answer = try await APIClient.signIn(app, as: username).send(.POST, "/api/v1/cases/\(caseID)/contacts", json: body)
                #expect(answer.status == status, "\(username)")
            }
            #expect(try await APIClient.signIn(app, as: "leader").send(.POST, "/api/v1/cases/\(UUID())/contacts", json: body).status == .notFound)
            #expect(try await app.db.sql().raw("SELECT COUNT(*) AS n FROM leader_contacts").first()?.decode(column: "n", as: Int.self) == 0)
        }
    }

    @Test func onThePathwayPageTheLeaderRecordsWithFoldedFormsAndThePersonSeesNone() async throws {
        try await withTestApp { app in
            let caseID = try await freshCase(app)
            let leader = try await Browser.signedIn(app, as: "leader")
            let page = try await leader.get(SiteRoute.caseDetail(caseID).path).html
            for route in [SiteRoute.recordLeaderContact(caseID), .recordMeeting(caseID), .recordAdjustment(caseID)] {
                #expect(page.contains("action=\"\(route.path)\""), "\(route.path)")
            }
            let nursePage = try await Browser.signedIn(app, as: "nurse").get(SiteRoute.caseDetail(caseID).path).html
            #expect(!nursePage.contains(SiteRoute.recordLeaderContact(caseID).path))

            #expect(try await leader.post(SiteRoute.recordLeaderContact(caseID).path, form: [("date", "2026-11-23T12:30"), ("channel", "in_person")]).status == .seeOther)
            #expect(try await step(app, caseID, .leaderSupport).status == .done)
            let unreadable = try await leader.post(SiteRoute.recordMeeting(caseID).path, form: [("date", "tomorrow"), ("topics[]", "case_status")])
            #expect(unreadable.status == .unprocessableEntity && unreadable.html.contains("Nothing was saved"))
            let noTopics = try await leader.post(SiteRoute.recordMeeting(caseID).path, form: [("date", "2026-11-23T12:30")])
            #expect(noTopics.status == .unprocessableEntity && noTopics.html.contains("Tick at least one subject"))
            #expect(try await leader.post(SiteRoute.recordMeeting(caseID).path,
                                          form: [("date", "2026-11-23T12:30"), ("topics[]", "what_happens_next"), ("nextAt", "")]).status == .seeOther)
            #expect(try await leader.post(SiteRoute.recordAdjustment(caseID).path,
                                          form: [("kind", "gradual_return"), ("startsOn", "2026-11-30"), ("reviewOn", "2026-12-14")]).status == .seeOther)
            #expect(try await step(app, caseID, .adjustments).status == .accepted)
            // What was recorded is listed under its step for the leader, not for the person.
            let recorded = try await leader.get(SiteRoute.caseDetail(caseID).path).html
            #expect(recorded.contains("In touch 23 Nov 2026 at 12:30, In person") && recorded.contains("Meeting 23 Nov 2026 at 12:30, 1 subject")
                    && recorded.contains("Gradual return from 30 Nov 2026, review 14 Dec 2026"))
            let nurse = try await Browser.signedIn(app, as: "nurse")
            #expect(!(try await nurse.get(SiteRoute.caseDetail(caseID).path).html.contains("In touch 23 Nov")))
            // Once the report is done, asking for help with it is not offered, and a crafted request is told so.
            try await app.db.sql().raw("UPDATE pathway_steps SET status = 'done' WHERE case_id = \(bind: caseID) AND key = 'reporting'").run()
            #expect(!(try await nurse.get(SiteRoute.caseDetail(caseID).path).html.contains(SiteRoute.reportingHelp(caseID).path)))
            let late = try await nurse.post(SiteRoute.reportingHelp(caseID).path, form: [])
            #expect(late.status == .conflict && late.html.contains("already done"))
            #expect(try await nurse.post(SiteRoute.recordAdjustment(caseID).path,
                                         form: [("kind", "time_off"), ("startsOn", "2026-11-30"), ("reviewOn", "2026-12-14")]).status == .forbidden)
        }
    }

    @Test func thePersonAsksForHelpWithReportingAndItBecomesTheLeadersTaskForTheDay() async throws {
        try await withTestApp { app in
            let caseID = try await freshCase(app)
            let nurse = try await Browser.signedIn(app, as: "nurse")
            #expect(try await nurse.get(SiteRoute.caseDetail(caseID).path).html.contains(SiteRoute.reportingHelp(caseID).path))
            #expect(!(try await Browser.signedIn(app, as: "leader").get(SiteRoute.caseDetail(caseID).path).html.contains(SiteRoute.reportingHelp(caseID).path)))
            for _ in 0..<2 {
                let asked = try await nurse.post(SiteRoute.reportingHelp(caseID).path, form: [])
                #expect(asked.status == .seeOther)
            }
            let reporting = try await step(app, caseID, .reporting)
            #expect(reporting.status == .accepted && reporting.dueAt == pinnedNow.addingTimeInterval(86_400))
            let leader = try await app.personID("leader")
            #expect(try await Message.query(on: app.db).filter(\.$recipientPersonID == leader).filter(\.$kind == FollowUps.reportingHelp).count() == 1)
            #expect(try await Browser.signedIn(app, as: "leader").post(SiteRoute.reportingHelp(caseID).path, form: []).status == .forbidden)
            #expect(try await Browser.signedIn(app, as: "outsider").post(SiteRoute.reportingHelp(caseID).path, form: []).status == .notFound)
        }
    }

    /// The attack's finding: the leader's "in touch" form, sent three times, recorded three contacts.
    @Test func theLeadersRecordSentTwiceIsRecordedOnce() async throws {
        try await withTestApp { app in
            let caseID = try await app.caseID(of: "nurse")
            let leader = try await Browser.signedIn(app, as: "leader")
            let key = try #require(try await leader.get(SiteRoute.caseDetail(caseID).path).html.firstMatch(of: /name="_submission" value="([^"]*)"/)).1
            let form: [(String, String)] = [("date", "2026-11-23T12:30"), ("channel", "in_person"), ("_submission", String(key))]
            for _ in 0..<3 { #expect(try await leader.post(SiteRoute.recordLeaderContact(caseID).path, form: form).status == .seeOther) }
            let recorded = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM leader_contacts WHERE case_id = \(bind: caseID)").first()?
                .decode(column: "n", as: Int.self)
            #expect(recorded == 1)
            let api = try await APIClient.signIn(app, as: "leader")
            let answers = try await withThrowingTaskGroup(of: APIClient.Answer.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await api.send(.POST, "/api/v1/cases/\(caseID)/contacts", json: ["date": "2026-11-23T13:00:00Z", "channel": "phone"], headers: [("Idempotency-Key", "k-1")])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.status == .created } && Set(answers.compactMap { $0.json["id"] as? String }).count == 1)
            let after = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM leader_contacts WHERE case_id = \(bind: caseID)").first()?
                .decode(column: "n", as: Int.self)
            #expect(after == 2)
        }
    }
}
