import Fluent
import Foundation

/// One read or change of a person's data: who, what, whose, when. Never the data itself.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @OptionalField(key: "actor_person_id") var actorPersonID: UUID?
    @Field(key: "action") var action: String
    @Field(key: "object_type") var objectType: String
    @OptionalField(key: "object_id") var objectID: UUID?
    @OptionalField(key: "subject_person_id") var subjectPersonID: UUID?
    @Field(key: "at") var at: Date

    init() {}

    init(id: UUID, organizationID: UUID, actorPersonID: UUID?, action: String, objectType: String, objectID: UUID?, subjectPersonID: UUID?, at: Date) {
        self.id = id
        self.organizationID = organizationID
        self.actorPersonID = actorPersonID
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.subjectPersonID = subjectPersonID
        self.at = at
    }
}
