import Domain
import Fluent
import Foundation

final class Account: Model, @unchecked Sendable {
    static let schema = "accounts"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "username") var username: String
    @Field(key: "password_hash") var passwordHash: String

    init() {}

    init(id: UUID, organizationID: UUID, personID: UUID, username: String, passwordHash: String) {
        self.id = id
        self.organizationID = organizationID
        self.personID = personID
        self.username = username
        self.passwordHash = passwordHash
    }

    /// Stores the account with its roles, one row each.
    func create(roles: Set<Role>, ids: () -> UUID, on db: any Database) async throws {
        try await create(on: db)
        for role in roles.subtracting([.involved]).sorted(by: { $0.rawValue < $1.rawValue }) {
            try await AccountRole(id: ids(), organizationID: organizationID, accountID: try requireID(), role: role).create(on: db)
        }
    }
}
