import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// For each open step of an owned case: a reminder to the owner before the due time, and an escalation to
/// the owner's own leader if it is still waiting a while after.
enum Reminders {
    struct StepPayload: Codable {
        let stepId: UUID

        /// The job's payload as stored, the same text every time, so a step's planned jobs can be found by it.
        static func encoded(_ stepID: UUID) throws -> String {
            String(decoding: try JSONEncoder().encode(StepPayload(stepId: stepID)), as: UTF8.self)
        }
    }

    static func schedule(for steps: [StepRecord], organizationID: UUID, now: Date, ids: () -> UUID, on db: any Database) async throws {
        for record in steps {
            let step = record.step
            guard step.status.isOpen, let due = step.dueAt, let stepID = record.id else { continue }
            let payload = try StepPayload.encoded(stepID)
            try await JobQueue.enqueue(JobKind.stepReminder, payload: payload, organizationID: organizationID,
                                       dueAt: ReminderPlanner.remindAt(dueAt: due, key: step.key, createdAt: now), id: ids(), now: now, on: db)
            try await JobQueue.enqueue(JobKind.stepOverdue, payload: payload, organizationID: organizationID,
                                       dueAt: Escalation.escalateAt(dueAt: due, key: step.key), id: ids(), now: now, on: db)
        }
    }

    /// For steps whose due time was corrected: the reminders planned from the old time are dropped (unless a
    /// worker holds one right now) and new ones planned, so nobody is reminded early, late or twice.
    static func replan(_ steps: [StepRecord], organizationID: UUID, now: Date, ids: () -> UUID, on db: any Database) async throws {
        let payloads = try steps.compactMap(\.id).map(StepPayload.encoded)
        guard !payloads.isEmpty else { return }
        try await db.sql().raw("""
            DELETE FROM jobs WHERE organization_id = \(bind: organizationID) AND status = \(bind: Job.Status.queued.rawValue)
              AND kind IN (\(binds: [JobKind.stepReminder.rawValue, JobKind.stepOverdue.rawValue])) AND payload IN (\(binds: payloads))
              AND (leased_until IS NULL OR leased_until < \(bind: now))
            """).run()
        try await schedule(for: steps, organizationID: organizationID, now: now, ids: ids, on: db)
    }

    /// Reminds the owner unless the step was finished meanwhile or nobody owns the case.
    static func remind(_ job: JobQueue.Claimed, context: JobContext) async throws {
        guard let (caseID, step, ownerID) = try await openStep(job, context: context), let owner = ownerID else { return }
        try await Messages.send(reminder(job, step: step, caseID: caseID, owner: owner), context: context)
    }

    /// Many due reminders in one transaction: one read of their steps, one insert of the messages, one
    /// completion of the jobs. A morning of a region's reminders then costs a few statements per hundred, not
    /// several per reminder. If any of the jobs was claimed by someone else since, nothing is kept and the
    /// caller runs them one by one.
    static func remindAll(_ jobs: [JobQueue.Claimed], context: JobContext) async throws {
        guard !jobs.isEmpty else { return }
        let stepIDs = try Dictionary(uniqueKeysWithValues: jobs.map {
            ($0.id, try JSONDecoder().decode(StepPayload.self, from: Data($0.payload.utf8)).stepId)
        })
        try await context.db.writeTransaction(gate: context.gate) { db in
            let steps = try await openSteps(Array(Set(stepIDs.values)), on: db)
            let messages = jobs.compactMap { job -> Messages.Outgoing? in
                guard let stepID = stepIDs[job.id], let open = steps[stepID], open.organizationID == job.organizationID,
                      let owner = open.ownerID else { return nil }
                return reminder(job, step: open.step, caseID: open.caseID, owner: owner)
            }
            try await Messages.store(messages, context: context.inside(db))
            guard try await JobQueue.completeAll(jobs, now: context.now, on: db) else { throw JobWorker.LeaseLost() }
        }
    }

    /// Tells the owner's own leader about a step still waiting past its grace period, and the owner that it is late
    /// now (their "due soon" is settled, as it is no longer true). A due time that was moved later since the job was
    /// planned is respected: nothing is said before the new time has passed.
    static func escalate(_ job: JobQueue.Claimed, context: JobContext) async throws {
        guard let (caseID, step, ownerID) = try await openStep(job, context: context), let owner = ownerID,
              let due = step.dueAt, Escalation.escalateAt(dueAt: due, key: step.key) <= context.now,
              Escalation.shouldEscalate(step, now: context.now)
        else { return }
        let link = SiteRoute.caseDetail(caseID).path
        let late = Messages.Outgoing(kind: Messages.stepLatePrefix + step.key.rawValue, urgency: .normal, recipient: owner,
                                     organizationID: job.organizationID, link: link, key: "\(job.kind):\(job.id):owner", caseID: caseID)
        // The owner's own leader; with none above them, the program's contacts, so it never stays in a log alone.
        let told: [(recipient: UUID, key: String)]
        if let leader = try await Leaders.nearest(to: owner, organizationID: job.organizationID, on: context.db) {
            told = [(leader, "\(job.kind):\(job.id)")]
        } else {
            told = try await ProgramContacts.list(organizationID: job.organizationID, on: context.db).map(\.personID).filter { $0 != owner }
                .map { ($0, "\(job.kind):\(job.id):\($0)") }
        }
        let overdue = told.map { recipient, key in
            Messages.Outgoing(kind: Messages.stepOverduePrefix + step.key.rawValue, urgency: .normal, recipient: recipient,
                              organizationID: job.organizationID, link: link, key: key, caseID: caseID)
        }
        try await context.db.writeTransaction(gate: context.gate) { db in
            let inside = context.inside(db)
            try await Messages.settle([Messages.stepDuePrefix + step.key.rawValue], recipient: owner, organizationID: job.organizationID,
                                      caseID: caseID, context: inside)
            try await Messages.store([late] + overdue, context: inside)
        }
        if told.isEmpty {
            context.logger.notice("Overdue step has no leader above its case owner and the organization names no program contact",
                                  metadata: ["job": "\(job.id)"])
        }
    }

    private static func reminder(_ job: JobQueue.Claimed, step: PathwayStep, caseID: UUID, owner: UUID) -> Messages.Outgoing {
        .init(kind: "\(Messages.stepDuePrefix)\(step.key.rawValue)", urgency: .normal, recipient: owner, organizationID: job.organizationID,
              link: SiteRoute.caseDetail(caseID).path, key: "\(job.kind):\(job.id)", caseID: caseID)
    }

    private struct OpenStep {
        let organizationID: UUID
        let caseID: UUID
        let step: PathwayStep
        let ownerID: UUID?
    }

    private static func openStep(_ job: JobQueue.Claimed, context: JobContext) async throws -> (caseID: UUID, step: PathwayStep, ownerID: UUID?)? {
        let stepID = try JSONDecoder().decode(StepPayload.self, from: Data(job.payload.utf8)).stepId
        guard let open = try await openSteps([stepID], on: context.db)[stepID], open.organizationID == job.organizationID else { return nil }
        return (open.caseID, open.step, open.ownerID)
    }

    /// The open steps among `ids` whose case is open, with the case's owner, in one read.
    private static func openSteps(_ ids: [UUID], on db: any Database) async throws -> [UUID: OpenStep] {
        let rows = try await db.sql().raw("""
            SELECT s.id, s.organization_id, s.case_id, s.key, s.status, s.due_at, s.done_at, s.done_by, s.recommended, c.owner_id
            FROM pathway_steps s JOIN cases c ON c.id = s.case_id AND c.organization_id = s.organization_id
            WHERE s.id IN (\(binds: ids)) AND c.status = \(bind: CaseStatus.open.rawValue)
            """).all()
        var steps: [UUID: OpenStep] = [:]
        for row in rows {
            let step = PathwayStep(key: try row.decode(column: "key", as: StepKey.self), status: try row.decode(column: "status", as: StepStatus.self),
                                   dueAt: try row.decode(column: "due_at", as: Date?.self), doneAt: try row.decode(column: "done_at", as: Date?.self),
                                   doneBy: try row.decode(column: "done_by", as: UUID?.self), recommended: try row.decode(column: "recommended", as: Bool.self))
            guard step.status.isOpen else { continue }
            steps[try row.decode(column: "id", as: UUID.self)] = OpenStep(
                organizationID: try row.decode(column: "organization_id", as: UUID.self), caseID: try row.decode(column: "case_id", as: UUID.self),
                step: step, ownerID: try row.decode(column: "owner_id", as: UUID?.self))
        }
        return steps
    }
}
