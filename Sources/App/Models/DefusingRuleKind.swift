import Domain
import Fluent
import Foundation

/// An event kind a defusing rule covers; a rule without any covers every kind.
final class DefusingRuleKind: Model, @unchecked Sendable {
    static let schema = "defusing_rule_kinds"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "rule_id") var ruleID: UUID
    @Field(key: "kind") var kind: EventKind

    init() {}

    init(id: UUID, organizationID: UUID, ruleID: UUID, kind: EventKind) {
        self.id = id
        self.organizationID = organizationID
        self.ruleID = ruleID
        self.kind = kind
    }
}
