import Domain
import Fluent
import Foundation

final class StepRecord: Model, @unchecked Sendable {
    static let schema = "pathway_steps"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "key") var key: StepKey
    @Field(key: "phase") var phase: Phase
    @Field(key: "position") var position: Int
    @Field(key: "status") var status: StepStatus
    @OptionalField(key: "due_at") var dueAt: Date?
    @OptionalField(key: "done_at") var doneAt: Date?
    @OptionalField(key: "done_by") var doneBy: UUID?
    @Field(key: "recommended") var recommended: Bool
    /// The status before someone marked the step done by hand, while that may still be undone.
    @OptionalField(key: "undo_status") var undoStatus: StepStatus?
    @Field(key: "updated_at") var updatedAt: Date
    /// Raised by every move, which is conditional on the version it was decided from.
    @Field(key: "version") var version: Int

    init() {}

    init(id: UUID, organizationID: UUID, caseID: UUID, step: PathwayStep, at now: Date) {
        self.id = id
        self.organizationID = organizationID
        self.caseID = caseID
        self.key = step.key
        self.phase = step.phase
        self.position = step.key.position
        self.recommended = step.recommended
        self.updatedAt = now
        self.version = 0
        apply(step)
    }

    var step: PathwayStep {
        PathwayStep(key: key, status: status, dueAt: dueAt, doneAt: doneAt, doneBy: doneBy, recommended: recommended)
    }

    func apply(_ step: PathwayStep) {
        status = step.status
        dueAt = step.dueAt
        doneAt = step.doneAt
        doneBy = step.doneBy
    }
}
