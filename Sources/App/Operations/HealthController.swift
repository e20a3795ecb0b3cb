import Fluent
import SQLKit
import Vapor

enum HealthController {
    struct Report: Content {
        let status: String
        let database: String
        /// `full` while writes fail for lack of space (or too little is left for the next ones).
        let storage: StorageHealth.State
        let worker: WorkerHeartbeats.State
        let workerSeenAt: Date?
    }

    /// 200 while the database answers and can write, whatever the worker's state: a web instance without a
    /// worker can still serve people. The worker's state is reported for monitoring to alert on.
    static func check(_ req: Request) async throws -> Response {
        do {
            let (worker, seen) = try await WorkerHeartbeats.state(now: req.now, on: req.db)
            let storage = req.application.storageHealth.state(now: req.now)
            return try await Report(status: storage == .ok ? "ok" : "unavailable", database: "ok", storage: storage, worker: worker, workerSeenAt: seen)
                .encodeResponse(status: storage == .ok ? .ok : .serviceUnavailable, for: req)
        } catch {
            req.logger.error("Health check: the database did not answer: \(String(reflecting: error))")
            return try await Report(status: "unavailable", database: "unavailable", storage: req.application.storageHealth.state(now: req.now),
                                    worker: .none, workerSeenAt: nil)
                .encodeResponse(status: .serviceUnavailable, for: req)
        }
    }
}
