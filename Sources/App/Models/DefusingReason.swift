import Fluent
import Foundation

/// Why a defusing conversation was recommended for an event: the name of a rule that matched, in the order
/// the rules matched, as it read when the event was registered.
final class DefusingReason: Model, @unchecked Sendable {
    static let schema = "event_defusing_reasons"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "event_id") var eventID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "label") var label: String

    init() {}

    init(id: UUID, organizationID: UUID, eventID: UUID, position: Int, label: String) {
        self.id = id
        self.organizationID = organizationID
        self.eventID = eventID
        self.position = position
        self.label = label
    }

    /// An event's reasons in order, in one query.
    static func labels(eventID: UUID, organizationID: UUID, on db: any Database) async throws -> [String] {
        try await DefusingReason.query(on: db).filter(\.$organizationID == organizationID).filter(\.$eventID == eventID)
            .sort(\.$position).all().map(\.label)
    }
}
