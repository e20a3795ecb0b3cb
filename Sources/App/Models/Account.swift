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

    /// The account's roles, `involved` included (it is everyone's and never stored).
    static func roles(of accountID: UUID, organizationID: UUID, on db: any Database) async throws -> Set<Role> {
        let stored = try await AccountRole.query(on: db).filter(\.$organizationID == organizationID).filter(\.$accountID == accountID).all()
        return Set(stored.map(\.role)).union([.involved])
    }
}

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

/// A browser session or an API token. Only a hash of the secret is stored, so a copy of the database
/// cannot be used to sign in.
final class AuthToken: Model, @unchecked Sendable {
    static let schema = "auth_tokens"

    enum Kind: String { case session, api }

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "kind") var kind: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(id: UUID, organizationID: UUID, accountID: UUID, tokenHash: String, kind: Kind, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.organizationID = organizationID
        self.accountID = accountID
        self.tokenHash = tokenHash
        self.kind = kind.rawValue
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
