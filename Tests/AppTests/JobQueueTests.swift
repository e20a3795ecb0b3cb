import Domain
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

@Suite("Job queue and reminders")
struct JobQueueTests {
    func enqueue(_ app: Application, count: Int, kind: String = "noop", dueAt: Date = pinnedNow) async throws -> UUID {
        let org = try await app.account("leader").organizationID
        for _ in 0..<count {
            try await JobQueue.enqueue(kind, payload: "{}", organizationID: org, dueAt: dueAt, id: UUID(), now: pinnedNow, on: app.db)
        }
        return org
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
            #expect(try await Job.find(first[0].id, on: app.db)?.status == "done")
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
            let job = try #require(try await Job.query(on: app.db).first())
            #expect(job.status == "parked")
            #expect(job.attempts == 3)
            #expect(job.lastError?.contains("no_such_kind") == true)
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
            #expect(try await Job.query(on: app.db).filter(\.$status == "done").filter(\.$attempts == 1).count() == 400)
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
            #expect(try await worker.runOnce() == 0, "nothing is due yet at the moment of registering")
            // Defusing is due at 19:00; its reminder comes two hours earlier.
            app.environmentals.now = { ISO8601.parse("2026-11-23T17:00:00Z")! }
            #expect(try await worker.runOnce() == 1)
            let owner = try await app.personID("leader")
            let messages = try await Message.query(on: app.db).filter(\.$recipientPersonID == owner).all()
            #expect(messages.count == 1)
            #expect(messages[0].kind == "step_due.defusing")

            // The same job run again (as after a crash before it was marked done) sends nothing more.
            let job = try #require(try await Job.query(on: app.db).filter(\.$status == "done").first())
            let replay = JobQueue.Claimed(id: try job.requireID(), organizationID: job.organizationID, kind: job.kind, payload: job.payload,
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

    @Test func remindersAreNotSentForFinishedSteps() async throws {
        try await withTestApp(seed: true) { app in
            let worker = JobWorker(app: app)
            let messagesBefore = try await Message.query(on: app.db).count()
            // The demo's reminders: those of done steps were never scheduled, the open ones are sent once.
            app.environmentals.now = { pinnedNow.addingTimeInterval(400 * 86400) }
            while try await worker.runOnce() > 0 {}
            let sent = try await Message.query(on: app.db).count() - messagesBefore
            #expect(sent > 0)
            #expect(try await Job.query(on: app.db).filter(\.$status != "done").count() == 0)
            while try await worker.runOnce() > 0 {}
            #expect(try await Message.query(on: app.db).count() - messagesBefore == sent)
        }
    }
}
