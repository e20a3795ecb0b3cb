import Domain
import Fluent
import Foundation

/// Work due at a time: reminders and the like. The payload holds ids only. `attempts` doubles as the fencing
/// token: only the worker holding the latest attempt can finish the job.
final class Job: Model, @unchecked Sendable {
    static let schema = "jobs"

    enum Status: String, Codable, Sendable { case queued, done, parked }

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "kind") var kind: JobKind
    @Field(key: "payload") var payload: String
    @Field(key: "status") var status: Status
    @Field(key: "due_at") var dueAt: Date
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "leased_until") var leasedUntil: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}

    init(id: UUID, organizationID: UUID, kind: JobKind, payload: String, dueAt: Date, createdAt: Date) {
        self.id = id
        self.organizationID = organizationID
        self.kind = kind
        self.payload = payload
        self.status = .queued
        self.dueAt = dueAt
        self.attempts = 0
        self.createdAt = createdAt
    }
}
