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
    /// Comma-separated `EventTag` values.
    @Field(key: "tags") var tagsText: String
    /// Names of the defusing rules that matched, newline-separated; empty when none did.
    @Field(key: "defusing_recommended_by") var defusingRecommendedByText: String
    @Field(key: "registered_by") var registeredBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID, organizationID: UUID, unitID: UUID, kind: EventKind, severity: Severity, occurredAt: Date, summary: String,
         incidentReportRef: String?, tags: Set<EventTag>, defusingRecommendedBy: [String], registeredBy: UUID, createdAt: Date) {
        self.id = id
        self.organizationID = organizationID
        self.unitID = unitID
        self.kind = kind
        self.severity = severity
        self.occurredAt = occurredAt
        self.summary = summary
        self.incidentReportRef = incidentReportRef
        self.tagsText = tags.map(\.rawValue).sorted().joined(separator: ",")
        self.defusingRecommendedByText = defusingRecommendedBy.joined(separator: "\n")
        self.registeredBy = registeredBy
        self.createdAt = createdAt
    }

    var defusingRecommendedBy: [String] { defusingRecommendedByText.split(separator: "\n").map(String.init) }
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
    /// Comma-separated person ids of those relieved from duty now.
    @Field(key: "relieved_person_ids") var relievedPersonIDsText: String

    init() {}

    init(id: UUID, organizationID: UUID, eventID: UUID, patientSafe: Bool, staffSafe: Bool, premisesSafe: Bool,
         everyoneInformed: Bool, relievedPersonIDs: [UUID]) {
        self.id = id
        self.organizationID = organizationID
        self.eventID = eventID
        self.patientSafe = patientSafe
        self.staffSafe = staffSafe
        self.premisesSafe = premisesSafe
        self.everyoneInformed = everyoneInformed
        self.relievedPersonIDsText = relievedPersonIDs.map(\.uuidString).joined(separator: ",")
    }

    var relievedPersonIDs: [UUID] { relievedPersonIDsText.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
}

final class DefusingTriggerRuleRecord: Model, @unchecked Sendable {
    static let schema = "defusing_trigger_rules"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @OptionalField(key: "unit_id") var unitID: UUID?
    @Field(key: "name") var name: String
    @Field(key: "kinds") var kindsText: String
    @OptionalField(key: "minimum_severity") var minimumSeverity: String?
    @Field(key: "tags") var tagsText: String

    init() {}

    init(id: UUID, organizationID: UUID, rule: DefusingTriggerRule) {
        self.id = id
        self.organizationID = organizationID
        self.unitID = rule.unitID
        self.name = rule.name
        self.kindsText = rule.kinds.map(\.rawValue).sorted().joined(separator: ",")
        self.minimumSeverity = rule.minimumSeverity?.rawValue
        self.tagsText = rule.tags.map(\.rawValue).sorted().joined(separator: ",")
    }

    func rule() throws -> DefusingTriggerRule {
        DefusingTriggerRule(
            id: try requireID(),
            name: name,
            unitID: unitID,
            kinds: Set(kindsText.split(separator: ",").compactMap { EventKind(rawValue: String($0)) }),
            minimumSeverity: minimumSeverity.flatMap(Severity.init(rawValue:)),
            tags: Set(tagsText.split(separator: ",").compactMap { EventTag(rawValue: String($0)) }))
    }
}
