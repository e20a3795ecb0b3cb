import Domain
import Fluent
import SQLKit
import Foundation
import Testing
import Vapor
@testable import App

@Suite("Job queue and reminders")
struct JobQueueTests {
    /// Jobs of a kind no code handles, written as raw rows: the queue's mechanics are tested apart from what jobs do.
    func enqueue(_ app: Application, count: Int, kind: String = "noop", dueAt: Date = pinnedNow) async throws -> UUID {
        let org = try await app.account("leader").organizationID
        for _ in 0..<count {
            try await app.db.sql().raw("""
                INSERT INTO jobs (id, organization_id, kind, payload, status, due_at, attempts, created_at)
                VALUES (\(bind: UUID()), \(bind: org), \(bind: kind), '{}', 'queued', \(bind: dueAt), 0, \(bind: pinnedNow))
                """).run()
        }
        return org
    }

    func row(_ app: Application, _ id: UUID) async throws -> (status: String, attempts: Int)? {
        guard let row = try await app.db.sql().raw("SELECT status, attempts FROM jobs WHERE id = \(bind: id)").first() else { return nil }
        return (try row.decode(column: "status", as: String.self), try row.decode(column: "attempts", as: Int.self))
    }

    @Test func aLapsedLeaseIsTakenAgainAndTheOldWorkerCannotFinish() async throws {
        try await withTestApp(seed: true) { app in
            try await Job.query(on: app.db).delete()
            _ = try await enqueue(app, count: 1)
            let first = try await JobQueue.claim(now: pinnedNow, lease: 60, limit: 10, on: app.db)
            #expect(first.count == 1)
            #expect(try await JobQueue.claim(now: pinnedNow.addingTimeInterval(30), lease: 60, limit: 10, on: app.db).isEmpty)
            let second = try await JobQueue.claim(now: pinnedNow.addingTimeInterval(61), lease: 60, limit: 10, on: app.db)
            #expect(second.map(\.id) == first.map(\.id))
            #expect(second[0].attempt == 2)
            #expect(try await JobQueue.complete(first[0], now: pinnedNow, on: app.db) == false)
            #expect(try await JobQueue.complete(second[0], now: pinnedNow, on: app.db))
            #expect(try await JobQueue.complete(second[0], now: pinnedNow, on: app.db) == false)
            #expect(try await row(app, first[0].id)?.status == "done")
        }
    }

    @Test func jobsNotYetDueWait() async throws {
        try await withTestApp(seed: true) { app in
            try await Job.query(on: app.db).delete()
            _ = try await enqueue(app, count: 1, dueAt: pinnedNow.addingTimeInterval(3600))
            #expect(try await JobQueue.claim(now: pinnedNow, lease: 60, limit: 10, on: app.db).isEmpty)
            #expect(try await JobQueue.claim(now: pinnedNow.addingTimeInterval(3600), lease: 60, limit: 10, on: app.db).count == 1)
        }
    }

    @Test func failingJobsBackOffAndAreParkedWithTheirError() async throws {
        try await withTestApp(seed: true) { app in
            try await Job.query(on: app.db).delete()
            _ = try await enqueue(app, count: 1, kind: "no_such_kind")
            var clock = pinnedNow
            let worker = JobWorker(app: app, policy: RetryPolicy(maxAttempts: 3, firstDelay: 10, maxDelay: 100))
            for attempt in 1...3 {
                let now = clock
                app.environmentals.now = { now }
                #expect(try await worker.runOnce() == 1, "attempt \(attempt)")
                clock = clock.addingTimeInterval(1000)
            }
            let job = try #require(try await ParkedJobsController.query(organizationID: try await app.account("leader").organizationID, on: app.db).first)
            #expect(job.attempts == 3)
            #expect(job.lastError?.contains("no_such_kind") == true)
            // The administrator's page shows such a job too, rather than failing on a kind it does not know.
            let page = try await Browser.signedIn(app, as: "admin").get(SiteRoute.parkedJobs.path)
            #expect(page.status == .ok)
            #expect(page.html.contains("no_such_kind"))
            let later = clock.addingTimeInterval(10_000)
            app.environmentals.now = { later }
            #expect(try await worker.runOnce() == 0)
        }
    }

    @Test func concurrentWorkersClaimEachJobExactlyOnce() async throws {
        try await withTestApp(seed: true) { app in
            try await Job.query(on: app.db).delete()
            _ = try await enqueue(app, count: 400)
            let claimedByWorker = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var mine: [UUID] = []
                        while true {
                            let jobs = try await JobQueue.claim(now: pinnedNow, lease: 600, limit: 7, on: app.db)
                            if jobs.isEmpty { return mine }
                            for job in jobs {
                                #expect(try await JobQueue.complete(job, now: pinnedNow, on: app.db))
                                mine.append(job.id)
                            }
                        }
                    }
                }
                var all: [[UUID]] = []
                for try await ids in group { all.append(ids) }
                return all
            }
            let all = claimedByWorker.flatMap { $0 }
            #expect(all.count == 400)
            #expect(Set(all).count == 400)
            #expect(try await Job.query(on: app.db).filter(\.$status == .done).filter(\.$attempts == 1).count() == 400)
        }
    }

    @Test func aDueStepRemindsTheOwnerOnceInTheirInbox() async throws {
        try await withTestApp(seed: true) { app in
            try await Job.query(on: app.db).delete()
            let leader = try await APIClient.signIn(app, as: "leader")
            let nurse = try await app.personID("nurse")
            let body: [String: Any] = [
                "kind": "near_miss", "severity": "minor", "occurredAt": "2026-11-23T11:00:00Z",
                "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": "Caught in time.",
                "involvedPersonIds": [nurse.uuidString],
                "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
            ]
            #expect(try await leader.send(.POST, "/api/v1/events", json: body).status == .created)
            // Seven steps have due times; each gets a reminder and a later escalation.
            #expect(try await Job.query(on: app.db).filter(\.$kind == JobKind.stepReminder).count() == 7)
            #expect(try await Job.query(on: app.db).filter(\.$kind == JobKind.stepOverdue).count() == 7)

            let worker = JobWorker(app: app)
            // At the moment of registering, only the offer of peer support is due: the nurse has it at once.
            #expect(try await worker.runOnce() == 1)
            #expect(try await Message.query(on: app.db).filter(\.$recipientPersonID == nurse).all().map(\.kind) == [SupportInvitations.message])
            #expect(try await worker.runOnce() == 0, "no reminder is due yet")
            // Defusing is due at 19:00; its reminder comes two hours earlier.
            app.environmentals.now = { ISO8601.parse("2026-11-23T17:00:00Z")! }
            #expect(try await worker.runOnce() == 1)
            let owner = try await app.personID("leader")
            let messages = try await Message.query(on: app.db).filter(\.$recipientPersonID == owner).all()
            #expect(messages.count == 1)
            #expect(messages[0].kind == "step_due.defusing")

            // The same job run again (as after a crash before it was marked done) sends nothing more.
            let job = try #require(try await Job.query(on: app.db).filter(\.$status == .done).filter(\.$kind == .stepReminder).first())
            let replay = JobQueue.Claimed(id: try job.requireID(), organizationID: job.organizationID, kind: job.kind.rawValue, payload: job.payload,
                                          attempt: job.attempts, dueAt: job.dueAt)
            try await Reminders.remind(replay, context: JobContext(app: app))
            #expect(try await Message.query(on: app.db).filter(\.$recipientPersonID == owner).count() == 1)

            let browser = try await Browser.signedIn(app, as: "leader")
            let page = try await browser.get(SiteRoute.inbox.path)
            #expect(page.html.contains("class=\"bell-count\">1<"))
            #expect(page.html.contains("Defusing conversation is due soon"))
            #expect(!page.html.contains("Caught in time"), "messages carry no event details")
            let messageID = try messages[0].requireID()
            #expect(try await Browser.signedIn(app, as: "leader2").post(SiteRoute.markRead(messageID).path, form: []).status == .forbidden)
            #expect(try await Browser.signedIn(app, as: "outsider").post(SiteRoute.markRead(messageID).path, form: []).status == .notFound)
            #expect(try await browser.post(SiteRoute.markRead(messageID).path, form: []).status == .seeOther)
            #expect(!(try await browser.get(SiteRoute.inbox.path).html.contains("bell-count")))
        }
    }

    /// Steps finished after their reminders were planned: the planned jobs run and say nothing, while the
    /// steps still open are reminded and escalated.
    @Test func remindersAreNotSentForFinishedSteps() async throws {
        try await withTestApp(seed: true) { app in
            try await Job.query(on: app.db).delete()
            let leader = try await APIClient.signIn(app, as: "leader")
            let nurse = try await app.personID("nurse")
            let created = try await leader.send(.POST, "/api/v1/events", json: [
                "kind": "near_miss", "severity": "minor", "occurredAt": "2026-11-23T11:00:00Z",
                "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": "Caught in time.",
                "involvedPersonIds": [nurse.uuidString],
                "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
            ]).decode(APIModels.EventCreated.self)
            let caseID = try #require(created.cases.first?.id)
            #expect(try await Job.query(on: app.db).filter(\.$kind == .stepReminder).count() == 7)
            let steps = "/api/v1/cases/\(caseID)/steps"
            #expect(try await leader.send(.POST, "\(steps)/defusing", json: ["status": "done"]).status == .ok)
            #expect(try await leader.send(.POST, "\(steps)/leader_support", json: ["status": "not_relevant"]).status == .ok)

            app.environmentals.now = { pinnedNow.addingTimeInterval(400 * 86400) }
            let worker = JobWorker(app: app)
            while try await worker.runOnce() > 0 {}
            #expect(try await Job.query(on: app.db).filter(\.$status != .done).count() == 0)
            let kinds = try await Message.query(on: app.db).filter(\.$linkPath == SiteRoute.caseDetail(caseID).path).all().map(\.kind)
            for finished in ["defusing", "leader_support"] {
                #expect(!kinds.contains("\(Messages.stepDuePrefix)\(finished)"), "\(kinds)")
                #expect(!kinds.contains("\(Messages.stepOverduePrefix)\(finished)"), "\(kinds)")
            }
            #expect(kinds.contains("\(Messages.stepDuePrefix)reporting"), "\(kinds)")
            #expect(kinds.contains("\(Messages.stepOverduePrefix)reporting"), "\(kinds)")
            // Every planned job ran; running again sends nothing more.
            let sent = try await Message.query(on: app.db).count()
            while try await worker.runOnce() > 0 {}
            #expect(try await Message.query(on: app.db).count() == sent)
        }
    }

    /// Seven reminders of one registered event, all due a year later.
    func dueReminders(_ app: Application) async throws -> Date {
        try await Job.query(on: app.db).delete()
        let leader = try await APIClient.signIn(app, as: "leader")
        #expect(try await leader.send(.POST, "/api/v1/events", json: [
            "kind": "near_miss", "severity": "minor", "occurredAt": "2026-11-23T11:00:00Z",
            "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": "Caught in time.",
            "involvedPersonIds": [try await app.personID("nurse").uuidString],
            "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
        ]).status == .created)
        try await Job.query(on: app.db).filter(\.$kind != .stepReminder).delete()
        #expect(try await Job.query(on: app.db).count() == 7)
        return pinnedNow.addingTimeInterval(365 * 86400)
    }

    func reminderMessages(_ app: Application) async throws -> Int {
        try await Message.query(on: app.db).filter(\.$kind ~~ Messages.stepDuePrefix).count()
    }

    @Test func aBatchWithOneJobTakenByAnotherWorkerKeepsNothingAndEachReminderIsStillSentOnce() async throws {
        try await withTestApp { app in
            let later = try await dueReminders(app)
            app.environmentals.now = { later }
            let stale = try await JobQueue.claim(now: later.addingTimeInterval(-300), lease: 60, limit: 10, on: app.db)
            // Its lease lapsed and another worker took one of them meanwhile.
            let taken = try await JobQueue.claim(now: later, lease: 60, limit: 1, on: app.db)
            #expect(taken.count == 1)
            await #expect(throws: JobWorker.LeaseLost.self) { try await Reminders.remindAll(stale, context: JobContext(app: app)) }
            #expect(try await reminderMessages(app) == 0, "the batch was rolled back whole")

            // The other worker finishes its one; the rest run once their leases lapse; nothing is sent twice.
            try await Reminders.remindAll(taken, context: JobContext(app: app))
            app.environmentals.now = { later.addingTimeInterval(120) }
            while try await JobWorker(app: app).runOnce() > 0 {}
            #expect(try await reminderMessages(app) == 7)
            #expect(try await Job.query(on: app.db).filter(\.$status != .done).count() == 0)
        }
    }

    @Test func oneBrokenReminderDoesNotHoldUpTheOthers() async throws {
        try await withTestApp { app in
            let later = try await dueReminders(app)
            let broken = try #require(try await Job.query(on: app.db).first())
            broken.payload = "not json"
            try await broken.save(on: app.db)
            app.environmentals.now = { later }
            #expect(try await JobWorker(app: app).runOnce() == 7)
            #expect(try await reminderMessages(app) == 6)
            let failed = try #require(try await Job.find(broken.id, on: app.db))
            #expect(failed.status == .queued && failed.lastError != nil, "it waits for its retry")
            #expect(try await Job.query(on: app.db).filter(\.$status == .done).count() == 6)
        }
    }
}
