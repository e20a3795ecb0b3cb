import Domain
import Fluent
import Foundation

/// A worker process's sign of life, for `/health`.
final class WorkerHeartbeat: Model, @unchecked Sendable {
    static let schema = "worker_heartbeats"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "started_at") var startedAt: Date
    @Field(key: "seen_at") var seenAt: Date

    init() {}
}
