import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Claims due jobs and runs them. `runOnce` is one pass (what tests drive); `run` loops until cancelled.
struct JobWorker: Sendable {
    let app: Application
    var lease: TimeInterval = 120
    var batch = 200
    /// Jobs of one pass run side by side: a job spends most of its time waiting for the database, and a
    /// region's morning of reminders must not wait in single file. On SQLite the write gate still lets one
    /// write at a time.
    var concurrency = 16
    var policy = RetryPolicy()

    @discardableResult
    func runOnce() async throws -> Int {
        let jobs = try await JobQueue.claim(now: app.environmentals.now(), lease: lease, limit: batch, on: app.db)
        let reminders = jobs.filter { $0.kind == JobKind.stepReminder.rawValue }
        var oneByOne = jobs.filter { $0.kind != JobKind.stepReminder.rawValue }
        do {
            try await Reminders.remindAll(reminders, context: JobContext(app: app))
            let finished = app.environmentals.now()
            for job in reminders { app.metrics.jobFinished(kind: job.kind, latency: finished.timeIntervalSince(job.dueAt)) }
        } catch {
            // One job's trouble must not hold up the rest: run them singly, each failing on its own.
            oneByOne += reminders
        }
        await withTaskGroup(of: Void.self) { group in
            var waiting = oneByOne.makeIterator()
            for _ in 0..<concurrency {
                guard let job = waiting.next() else { break }
                group.addTask { await perform(job) }
            }
            while await group.next() != nil {
                if let job = waiting.next() { group.addTask { await perform(job) } }
            }
        }
        return jobs.count
    }

    /// A reminder's message and the job's completion commit together, so a crash between them cannot send it
    /// twice or lose it. An e-mail cannot be taken back, so it is marked done after the SMTP server took it.
    private func perform(_ job: JobQueue.Claimed) async {
        do {
            let context = JobContext(app: app)
            // A kind this code does not know (written by a newer version, or by hand) fails like any other
            // error, naming the job, and is parked once its retries are spent.
            guard let kind = JobKind(rawValue: job.kind) else { throw UnknownJobKind(kind: job.kind, job: job.id) }
            let finished: Bool
            switch kind {
            case .stepReminder, .stepOverdue:
                finished = try await app.db.writeTransaction(gate: app.writeGate) { db in
                    let inside = context.inside(db)
                    if kind == .stepReminder {
                        try await Reminders.remind(job, context: inside)
                    } else {
                        try await Reminders.escalate(job, context: inside)
                    }
                    guard try await JobQueue.complete(job, now: app.environmentals.now(), on: db) else { throw LeaseLost() }
                    return true
                }
            case .emailDelivery: finished = try await alone(job, context) { try await EmailDelivery.run($0, context: $1) }
            case .retentionRun: finished = try await alone(job, context) { try await RetentionRuns.run($0, context: $1) }
            case .supportInvitation: finished = try await alone(job, context) { try await SupportInvitations.run($0, context: $1) }
            case .supportResponseDue: finished = try await alone(job, context) { try await SupportPassOn.run($0, context: $1) }
            case .followUpDue: finished = try await alone(job, context) { try await FollowUps.run($0, context: $1) }
            case .checkInDue: finished = try await alone(job, context) { try await CheckInInvitations.run($0, context: $1) }
            case .passwordReset: finished = try await alone(job, context) { try await PasswordResets.run($0, context: $1) }
            }
            if finished {
                app.metrics.jobFinished(kind: job.kind, latency: app.environmentals.now().timeIntervalSince(job.dueAt))
            } else {
                throw LeaseLost()
            }
        } catch is LeaseLost {
            app.logger.warning("Job finished after its lease was lost; the newer attempt wins", metadata: ["job": "\(job.id)"])
        } catch {
            app.metrics.jobFailed(kind: job.kind)
            app.logger.error("Job failed", metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "error": "\(String(reflecting: error))"])
            do {
                try await JobQueue.fail(job, error: String(reflecting: error), policy: policy, now: app.environmentals.now(), on: app.db)
            } catch {
                // The lease lapses and the job is claimed again; nothing is lost.
                app.logger.error("Could not record a job's failure", metadata: ["job": "\(job.id)", "error": "\(String(reflecting: error))"])
            }
        }
    }

    func run(id: String) async {
        let heartbeat = WorkerHeartbeats(id: id)
        do {
            try await RetentionRuns.ensurePlanned(now: app.environmentals.now(), on: app.db)
        } catch {
            app.logger.error("Could not plan the nightly retention runs: \(String(reflecting: error))")
        }
        while !Task.isCancelled {
            let processed: Int
            do {
                try await heartbeat.beat(now: app.environmentals.now(), on: app.db)
                processed = try await runOnce()
            } catch {
                app.logger.error("Worker pass failed: \(String(reflecting: error))")
                processed = 0
            }
            if processed == 0 { try? await Task.sleep(for: .seconds(1)) }
        }
        try? await heartbeat.stop(on: app.db)
    }

    /// A job that runs its own transaction (or talks to an SMTP server) and is marked done after; a second run
    /// is harmless, as each checks what it finds first.
    private func alone(_ job: JobQueue.Claimed, _ context: JobContext,
                       _ run: (JobQueue.Claimed, JobContext) async throws -> Void) async throws -> Bool {
        try await run(job, context)
        return try await JobQueue.complete(job, now: app.environmentals.now(), on: app.db)
    }

    /// Someone else claimed the job since: whatever this attempt wrote is rolled back.
    struct LeaseLost: Error {}

    struct UnknownJobKind: Error, CustomStringConvertible {
        let kind: String
        let job: UUID
        var description: String { "job \(job) has the unknown kind '\(kind)'" }
    }
}

/// What the executable starts: the worker loop, until its task is cancelled.
public enum BackgroundWorker {
    public static func run(_ app: Application, leaseSeconds: Int = 120) async {
        let id = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(app.environmentals.uuid().uuidString.prefix(8))"
        await JobWorker(app: app, lease: TimeInterval(leaseSeconds)).run(id: id)
    }
}
