import Domain
import Fluent
import Foundation
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
                switch job.kind {
                case JobKind.stepReminder:
                    try await Reminders.run(job, now: app.environmentals.now(), newID: app.environmentals.uuid(), on: app.db)
                default:
                    throw UnknownJobKind(kind: job.kind)
                }
                if try await !JobQueue.complete(job, now: app.environmentals.now(), on: app.db) {
                    app.logger.warning("Job finished after its lease was lost; the newer attempt wins", metadata: ["job": "\(job.id)"])
                }
            } catch {
                app.logger.error("Job failed", metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "error": "\(String(reflecting: error))"])
                try await JobQueue.fail(job, error: String(reflecting: error), policy: policy, now: app.environmentals.now(), on: app.db)
            }
        }
        return jobs.count
    }

    func run() async {
        while !Task.isCancelled {
            let processed: Int
            do {
                processed = try await runOnce()
            } catch {
                app.logger.error("Worker pass failed: \(String(reflecting: error))")
                processed = 0
            }
            if processed == 0 { try? await Task.sleep(for: .seconds(1)) }
        }
    }

    struct UnknownJobKind: Error {
        let kind: String
    }
}

/// What the executable starts: the worker loop, until its task is cancelled.
public enum BackgroundWorker {
    public static func run(_ app: Application, leaseSeconds: Int = 120) async {
        await JobWorker(app: app, lease: TimeInterval(leaseSeconds)).run()
    }
}
