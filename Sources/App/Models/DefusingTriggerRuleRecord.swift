import Domain
import Fluent
import Foundation

final class DefusingTriggerRuleRecord: Model, @unchecked Sendable {
    static let schema = "defusing_trigger_rules"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @OptionalField(key: "unit_id") var unitID: UUID?
    @Field(key: "name") var name: String
    @OptionalField(key: "minimum_severity") var minimumSeverity: Severity?

    init() {}

    init(id: UUID, organizationID: UUID, rule: DefusingTriggerRule) {
        self.id = id
        self.organizationID = organizationID
        self.unitID = rule.unitID
        self.name = rule.name
        self.minimumSeverity = rule.minimumSeverity
    }

    /// Stores a rule with its kinds and tags, one row each.
    static func create(_ rule: DefusingTriggerRule, organizationID: UUID, ids: () -> UUID, on db: any Database) async throws {
        try await DefusingTriggerRuleRecord(id: rule.id, organizationID: organizationID, rule: rule).create(on: db)
        for kind in rule.kinds.sorted(by: { $0.rawValue < $1.rawValue }) {
            try await DefusingRuleKind(id: ids(), organizationID: organizationID, ruleID: rule.id, kind: kind).create(on: db)
        }
        for tag in rule.tags.sorted(by: { $0.rawValue < $1.rawValue }) {
            try await DefusingRuleTag(id: ids(), organizationID: organizationID, ruleID: rule.id, tag: tag).create(on: db)
        }
    }

    /// The organization's rules, in three queries however many there are.
    static func rules(organizationID: UUID, on db: any Database) async throws -> [DefusingTriggerRule] {
        let records = try await DefusingTriggerRuleRecord.query(on: db).filter(\.$organizationID == organizationID).all()
        let kinds = Dictionary(grouping: try await DefusingRuleKind.query(on: db).filter(\.$organizationID == organizationID).all(), by: \.ruleID)
        let tags = Dictionary(grouping: try await DefusingRuleTag.query(on: db).filter(\.$organizationID == organizationID).all(), by: \.ruleID)
        return try records.map { record in
            let id = try record.requireID()
            return DefusingTriggerRule(id: id, name: record.name, unitID: record.unitID, kinds: Set((kinds[id] ?? []).map(\.kind)),
                                       minimumSeverity: record.minimumSeverity, tags: Set((tags[id] ?? []).map(\.tag)))
        }
    }
}
