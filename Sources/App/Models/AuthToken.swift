import Domain
import Fluent
import Foundation

/// A browser session or an API token. Only a hash of the secret is stored, so a copy of the database
/// cannot be used to sign in.
final class AuthToken: Model, @unchecked Sendable {
    static let schema = "auth_tokens"

    /// `secondFactor`: the password was right, the code is still to come; it opens nothing but the code page.
    enum Kind: String { case session, api, secondFactor = "second_factor" }

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "kind") var kind: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    /// For the idle timeout; nil on tokens from before it was kept (their start counts instead).
    @OptionalField(key: "last_seen_at") var lastSeenAt: Date?
    @OptionalField(key: "device_browser") var deviceBrowser: String?
    @OptionalField(key: "device_system") var deviceSystem: String?

    init() {}

    init(id: UUID, organizationID: UUID, accountID: UUID, tokenHash: String, kind: Kind, createdAt: Date, expiresAt: Date,
         device: (browser: String?, system: String?) = (nil, nil)) {
        self.id = id
        self.organizationID = organizationID
        self.accountID = accountID
        self.tokenHash = tokenHash
        self.kind = kind.rawValue
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastSeenAt = createdAt
        self.deviceBrowser = device.browser
        self.deviceSystem = device.system
    }
}
