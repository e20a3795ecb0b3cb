import Fluent
import Foundation

/// Someone the leader relieved from duty right after the event.
final class RelievedPerson: Model, @unchecked Sendable {
    static let schema = "relieved_people"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "event_id") var eventID: UUID
    @Field(key: "person_id") var personID: UUID

    init() {}

    init(id: UUID, organizationID: UUID, eventID: UUID, personID: UUID) {
        self.id = id
        self.organizationID = organizationID
        self.eventID = eventID
        self.personID = personID
    }
}
