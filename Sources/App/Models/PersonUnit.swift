import Fluent
import Foundation

/// A person works in one or more units.
final class PersonUnit: Model, @unchecked Sendable {
    static let schema = "person_units"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "unit_id") var unitID: UUID

    init() {}

    init(id: UUID, organizationID: UUID, personID: UUID, unitID: UUID) {
        self.id = id
        self.organizationID = organizationID
        self.personID = personID
        self.unitID = unitID
    }
}
