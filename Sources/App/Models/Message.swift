import Domain
import Fluent
import Foundation

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
    /// The pathway it is about, if any: the inbox names its event by kind and date.
    @OptionalField(key: "case_id") var caseID: UUID?

    init() {}
}
