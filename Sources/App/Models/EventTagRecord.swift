import Domain
import Fluent
import Foundation

/// One circumstance of an event (a trauma call, a child donor…), which defusing rules can match on.
final class EventTagRecord: Model, @unchecked Sendable {
    static let schema = "event_tags"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "event_id") var eventID: UUID
    @Field(key: "tag") var tag: EventTag

    init() {}

    init(id: UUID, organizationID: UUID, eventID: UUID, tag: EventTag) {
        self.id = id
        self.organizationID = organizationID
        self.eventID = eventID
        self.tag = tag
    }
}
