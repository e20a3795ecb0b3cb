import Domain
import Fluent
import Foundation

/// One involved person's care pathway, with or without an event behind it.
final class Case: Model, @unchecked Sendable {
    static let schema = "cases"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "person_id") var personID: UUID
    @OptionalField(key: "event_id") var eventID: UUID?
    @OptionalField(key: "owner_id") var ownerID: UUID?
    @Field(key: "status") var status: String
    @Field(key: "opened_at") var openedAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// A self-referral's wish to be supported by someone outside their own unit.
    @Field(key: "prefers_outside_unit") var prefersOutsideUnit: Bool

    init() {}

    init(id: UUID, organizationID: UUID, personID: UUID, eventID: UUID?, ownerID: UUID?, openedAt: Date, prefersOutsideUnit: Bool = false) {
        self.id = id
        self.organizationID = organizationID
        self.personID = personID
        self.eventID = eventID
        self.ownerID = ownerID
        self.status = CaseStatus.open.rawValue
        self.openedAt = openedAt
        self.prefersOutsideUnit = prefersOutsideUnit
    }

    var caseStatus: CaseStatus { CaseStatus(rawValue: status) ?? .open }
}

final class StepRecord: Model, @unchecked Sendable {
    static let schema = "pathway_steps"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "key") var key: String
    @Field(key: "phase") var phase: String
    @Field(key: "position") var position: Int
    @Field(key: "status") var status: String
    @OptionalField(key: "due_at") var dueAt: Date?
    @OptionalField(key: "done_at") var doneAt: Date?
    @OptionalField(key: "done_by") var doneBy: UUID?
    @Field(key: "recommended") var recommended: Bool
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(id: UUID, organizationID: UUID, caseID: UUID, step: PathwayStep, at now: Date) {
        self.id = id
        self.organizationID = organizationID
        self.caseID = caseID
        self.key = step.key.rawValue
        self.phase = step.phase.rawValue
        self.position = step.key.position
        self.recommended = step.recommended
        self.updatedAt = now
        apply(step)
    }

    var step: PathwayStep? {
        guard let key = StepKey(rawValue: key), let status = StepStatus(rawValue: status) else { return nil }
        return PathwayStep(key: key, status: status, dueAt: dueAt, doneAt: doneAt, doneBy: doneBy, recommended: recommended)
    }

    func apply(_ step: PathwayStep) {
        status = step.status.rawValue
        dueAt = step.dueAt
        doneAt = step.doneAt
        doneBy = step.doneBy
    }
}
