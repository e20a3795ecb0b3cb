import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Claims due jobs and runs them. `runOnce` is one pass (what tests drive); `run` loops until cancelled.
struct JobWorker: Sendable {
    let app: Application
    var lease: TimeInterval = 120
    var batch = 50
    var policy = RetryPolicy()

    @discardableResult
    func runOnce() async throws -> Int {
        let now = app.environmentals.now()
        let jobs = try await JobQueue.claim(now: now, lease: lease, limit: batch, on: app.db)
        for job in jobs {
            do {
                let context = JobContext(app: app)
                // A kind this code does not know (written by a newer version, or by hand) fails like any other
                // error, naming the job, and is parked once its retries are spent.
                guard let kind = JobKind(rawValue: job.kind) else { throw UnknownJobKind(kind: job.kind, job: job.id) }
                switch kind {
                case .stepReminder: try await Reminders.remind(job, context: context)
                case .stepOverdue: try await Reminders.escalate(job, context: context)
                case .emailDelivery: try await EmailDelivery.run(job, context: context)
                case .retentionRun: try await RetentionRuns.run(job, context: context)
                }
                let finished = app.environmentals.now()
                if try await JobQueue.complete(job, now: finished, on: app.db) {
                    app.metrics.jobFinished(kind: job.kind, latency: finished.timeIntervalSince(job.dueAt))
                } else {
                    app.logger.warning("Job finished after its lease was lost; the newer attempt wins", metadata: ["job": "\(job.id)"])
                }
            } catch {
                app.metrics.jobFailed(kind: job.kind)
                app.logger.error("Job failed", metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "error": "\(String(reflecting: error))"])
                try await JobQueue.fail(job, error: String(reflecting: error), policy: policy, now: app.environmentals.now(), on: app.db)
            }
        }
        return jobs.count
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
