import Domain
import Fluent
import Foundation

/// One involved person's care pathway, with or without an event behind it.
final class Case: Model, @unchecked Sendable {
    static let schema = "cases"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "person_id") var personID: UUID
    @OptionalField(key: "event_id") var eventID: UUID?
    @OptionalField(key: "owner_id") var ownerID: UUID?
    @Field(key: "status") var status: CaseStatus
    @Field(key: "opened_at") var openedAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// A self-referral's wish to be supported by someone outside their own unit.
    @Field(key: "prefers_outside_unit") var prefersOutsideUnit: Bool
    /// False for a self-referral the person did not share with their leader: then no leader may see it.
    @Field(key: "shared_with_leader") var sharedWithLeader: Bool
    /// When the person's check-ins last called for attention; the owner sees only that, and only with consent.
    @OptionalField(key: "attention_at") var attentionAt: Date?
    /// Raised by every change, which is conditional on the version it was decided from.
    @Field(key: "version") var version: Int

    init() {}

    init(id: UUID, organizationID: UUID, personID: UUID, eventID: UUID?, ownerID: UUID?, openedAt: Date, prefersOutsideUnit: Bool = false,
         sharedWithLeader: Bool = true) {
        self.id = id
        self.organizationID = organizationID
        self.personID = personID
        self.eventID = eventID
        self.ownerID = ownerID
        self.status = .open
        self.openedAt = openedAt
        self.prefersOutsideUnit = prefersOutsideUnit
        self.sharedWithLeader = sharedWithLeader
        self.version = 0
    }
}
