import Domain
import Fluent
import Foundation

/// One role an account holds. `involved` is everyone's and is never stored.
final class AccountRole: Model, @unchecked Sendable {
    static let schema = "account_roles"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "role") var role: Role

    init() {}

    init(id: UUID, organizationID: UUID, accountID: UUID, role: Role) {
        self.id = id
        self.organizationID = organizationID
        self.accountID = accountID
        self.role = role
    }
}
