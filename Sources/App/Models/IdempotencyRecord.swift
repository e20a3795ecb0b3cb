import Fluent
import Foundation

/// What a creating request produced, kept under the key it carried so a repeat gets the same answer.
final class IdempotencyRecord: Model, @unchecked Sendable {
    static let schema = "idempotency_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "scope") var scope: String
    @Field(key: "key") var key: String
    @Field(key: "request_hash") var requestHash: String
    @Field(key: "status") var status: Int
    @OptionalField(key: "location") var location: String?
    @OptionalField(key: "body") var body: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID, organizationID: UUID, accountID: UUID, claim: Idempotency.Claim, answer: Idempotency.Answer, at now: Date) {
        self.id = id
        self.organizationID = organizationID
        self.accountID = accountID
        self.scope = claim.scope.rawValue
        self.key = claim.key
        self.requestHash = claim.requestHash
        self.status = answer.status
        self.location = answer.location
        self.body = answer.body
        self.createdAt = now
    }
}
