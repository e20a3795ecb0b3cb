import Fluent
import Foundation

/// A ward, department or clinic; units form a tree.
final class Unit: Model, @unchecked Sendable {
    static let schema = "units"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @OptionalField(key: "parent_id") var parentID: UUID?
    @Field(key: "name") var name: String
    /// From HR: the key an import matches units by; nil for units made by hand.
    @OptionalField(key: "code") var code: String?
    @OptionalField(key: "leader_employee_number") var leaderEmployeeNumber: String?

    init() {}

    init(id: UUID, organizationID: UUID, parentID: UUID?, name: String) {
        self.id = id
        self.organizationID = organizationID
        self.parentID = parentID
        self.name = name
    }
}
