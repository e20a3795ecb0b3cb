import Domain
import Fluent
import Foundation
import Vapor

/// For each open step of an owned case: a reminder to the owner before the due time, and an escalation to
/// the owner's own leader if it is still waiting a while after.
enum Reminders {
    struct StepPayload: Codable {
        let stepId: UUID
    }

    static func schedule(for steps: [StepRecord], organizationID: UUID, now: Date, ids: () -> UUID, on db: any Database) async throws {
        for record in steps {
            let step = record.step
            guard step.status.isOpen, let due = step.dueAt, let stepID = record.id else { continue }
            let payload = String(decoding: try JSONEncoder().encode(StepPayload(stepId: stepID)), as: UTF8.self)
            try await JobQueue.enqueue(JobKind.stepReminder, payload: payload, organizationID: organizationID,
                                       dueAt: ReminderPlanner.remindAt(dueAt: due, key: step.key, createdAt: now), id: ids(), now: now, on: db)
            try await JobQueue.enqueue(JobKind.stepOverdue, payload: payload, organizationID: organizationID,
                                       dueAt: Escalation.escalateAt(dueAt: due, key: step.key), id: ids(), now: now, on: db)
        }
    }

    /// Reminds the owner unless the step was finished meanwhile or nobody owns the case.
    static func remind(_ job: JobQueue.Claimed, context: JobContext) async throws {
        guard let (record, step, owned) = try await openStep(job, context: context), let owner = owned.ownerID else { return }
        try await Messages.send(.init(kind: "\(Messages.stepDuePrefix)\(step.key.rawValue)", urgency: .normal, recipient: owner,
                                      organizationID: job.organizationID, link: SiteRoute.caseDetail(record.caseID).path,
                                      key: "\(job.kind):\(job.id)"), context: context)
    }

    /// Tells the owner's own leader about a step still waiting past its grace period. A due time that was moved
    /// later since the job was planned is respected: nothing is said before the new time has passed.
    static func escalate(_ job: JobQueue.Claimed, context: JobContext) async throws {
        guard let (record, step, owned) = try await openStep(job, context: context), let owner = owned.ownerID,
              let due = step.dueAt, Escalation.escalateAt(dueAt: due, key: step.key) <= context.now,
              Escalation.shouldEscalate(step, now: context.now)
        else { return }
        guard let leader = try await Leaders.nearest(to: owner, organizationID: job.organizationID, on: context.db) else {
            context.logger.notice("Overdue step has no leader above its case owner to escalate to", metadata: ["job": "\(job.id)"])
            return
        }
        try await Messages.send(.init(kind: "\(Messages.stepOverduePrefix)\(step.key.rawValue)", urgency: .normal, recipient: leader,
                                      organizationID: job.organizationID, link: SiteRoute.caseDetail(record.caseID).path,
                                      key: "\(job.kind):\(job.id)"), context: context)
    }

    private static func openStep(_ job: JobQueue.Claimed, context: JobContext) async throws -> (StepRecord, PathwayStep, Case)? {
        let payload = try JSONDecoder().decode(StepPayload.self, from: Data(job.payload.utf8))
        guard let record = try await StepRecord.query(on: context.db)
                .filter(\.$organizationID == job.organizationID).filter(\.$id == payload.stepId).first(),
              record.status.isOpen,
              let owned = try await Case.query(on: context.db)
                .filter(\.$organizationID == job.organizationID).filter(\.$id == record.caseID).first(),
              owned.status == .open
        else { return nil }
        return (record, record.step, owned)
    }
}
