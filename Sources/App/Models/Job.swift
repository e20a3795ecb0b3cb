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

/// Something a person is told in the app. It carries no event details and nothing about anyone's reactions:
/// only that there is something to do, and where.
final class Message: Model, @unchecked Sendable {
    static let schema = "messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "recipient_person_id") var recipientPersonID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "link_path") var linkPath: String
    /// Unique: a job that runs twice still sends once.
    @Field(key: "idempotency_key") var idempotencyKey: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?
    @Field(key: "urgency") var urgency: Urgency
    @OptionalField(key: "emailed_at") var emailedAt: Date?

    init() {}
}
