import Domain
import Fluent
import Foundation

/// A circumstance a defusing rule matches on; a rule without any needs none.
final class DefusingRuleTag: Model, @unchecked Sendable {
    static let schema = "defusing_rule_tags"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "rule_id") var ruleID: UUID
    @Field(key: "tag") var tag: EventTag

    init() {}

    init(id: UUID, organizationID: UUID, ruleID: UUID, tag: EventTag) {
        self.id = id
        self.organizationID = organizationID
        self.ruleID = ruleID
        self.tag = tag
    }
}
