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
    /// Raised by every correction, which is conditional on the version the leader saw.
    @Field(key: "version") var version: Int

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
        self.version = 0
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
