import Domain
import Fluent
import Foundation

/// What happened, kept to the minimum: never a patient's identity, only the reference of the report in the
/// organization's own incident system.
final class Event: Model, @unchecked Sendable {
    static let schema = "events"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "unit_id") var unitID: UUID
    /// Read as the Domain's enums: a stored value the code does not know fails loudly instead of being guessed.
    @Field(key: "kind") var kind: EventKind
    @Field(key: "severity") var severity: Severity
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "summary") var summary: String
    @OptionalField(key: "incident_report_ref") var incidentReportRef: String?
    @Field(key: "registered_by") var registeredBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID, organizationID: UUID, unitID: UUID, kind: EventKind, severity: Severity, occurredAt: Date, summary: String,
         incidentReportRef: String?, registeredBy: UUID, createdAt: Date) {
        self.id = id
        self.organizationID = organizationID
        self.unitID = unitID
        self.kind = kind
        self.severity = severity
        self.occurredAt = occurredAt
        self.summary = summary
        self.incidentReportRef = incidentReportRef
        self.registeredBy = registeredBy
        self.createdAt = createdAt
    }

    /// Stores the event with its circumstances and the reasons a defusing conversation was recommended.
    func create(tags: Set<EventTag>, defusingReasons: [String], ids: () -> UUID, on db: any Database) async throws {
        try await create(on: db)
        let eventID = try requireID()
        for tag in tags.sorted(by: { $0.rawValue < $1.rawValue }) {
            try await EventTagRecord(id: ids(), organizationID: organizationID, eventID: eventID, tag: tag).create(on: db)
        }
        for (position, label) in defusingReasons.enumerated() {
            try await DefusingReason(id: ids(), organizationID: organizationID, eventID: eventID, position: position, label: label).create(on: db)
        }
    }
}

/// The leader's answers right after the event: is everyone safe, who knows, who must be relieved now.
final class ImmediateChecklist: Model, @unchecked Sendable {
    static let schema = "immediate_checklists"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "event_id") var eventID: UUID
    @Field(key: "patient_safe") var patientSafe: Bool
    @Field(key: "staff_safe") var staffSafe: Bool
    @Field(key: "premises_safe") var premisesSafe: Bool
    @Field(key: "everyone_informed") var everyoneInformed: Bool

    init() {}

    init(id: UUID, organizationID: UUID, eventID: UUID, patientSafe: Bool, staffSafe: Bool, premisesSafe: Bool,
         everyoneInformed: Bool) {
        self.id = id
        self.organizationID = organizationID
        self.eventID = eventID
        self.patientSafe = patientSafe
        self.staffSafe = staffSafe
        self.premisesSafe = premisesSafe
        self.everyoneInformed = everyoneInformed
    }

    /// Stores the answers with the people relieved from duty, one row each.
    func create(relieved: [UUID], ids: () -> UUID, on db: any Database) async throws {
        try await create(on: db)
        var seen: Set<UUID> = []
        for personID in relieved where seen.insert(personID).inserted {
            try await RelievedPerson(id: ids(), organizationID: organizationID, eventID: eventID, personID: personID).create(on: db)
        }
    }
}

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
