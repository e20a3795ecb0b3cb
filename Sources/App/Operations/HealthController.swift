import Fluent
import SQLKit
import Vapor

enum HealthController {
    struct Report: Content {
        let status: String
        let database: String
        let worker: WorkerHeartbeats.State
        let workerSeenAt: Date?
    }

    /// 200 while the database answers, whatever the worker's state: a web instance without a worker can still
    /// serve people. The worker's state is reported for monitoring to alert on.
    static func check(_ req: Request) async throws -> Response {
        do {
            let (worker, seen) = try await WorkerHeartbeats.state(now: req.now, on: req.db)
            return try await Report(status: "ok", database: "ok", worker: worker, workerSeenAt: seen).encodeResponse(status: .ok, for: req)
        } catch {
            req.logger.error("Health check: the database did not answer: \(String(reflecting: error))")
            return try await Report(status: "unavailable", database: "unavailable", worker: .none, workerSeenAt: nil)
                .encodeResponse(status: .serviceUnavailable, for: req)
        }
    }
}
