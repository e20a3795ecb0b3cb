import Domain
import Fluent
import Foundation

/// The units an account leads (its leader scope); the scope also covers units below these.
final class LeaderScope: Model, @unchecked Sendable {
    static let schema = "leader_scopes"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "unit_id") var unitID: UUID

    init() {}

    init(id: UUID, organizationID: UUID, accountID: UUID, unitID: UUID) {
        self.id = id
        self.organizationID = organizationID
        self.accountID = accountID
        self.unitID = unitID
    }
}
