import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

enum JobKind {
    static let stepReminder = "step_reminder"
}

/// Reminders for the owner of a case before a step is due, and the in-app messages they produce.
enum Reminders {
    struct StepPayload: Codable {
        let stepId: UUID
    }

    static func schedule(for steps: [StepRecord], organizationID: UUID, now: Date, ids: () -> UUID, on db: any Database) async throws {
        for record in steps {
            guard let step = record.step, step.status.isOpen, let due = step.dueAt, let stepID = record.id else { continue }
            let payload = String(decoding: try JSONEncoder().encode(StepPayload(stepId: stepID)), as: UTF8.self)
            try await JobQueue.enqueue(JobKind.stepReminder, payload: payload, organizationID: organizationID,
                                       dueAt: ReminderPlanner.remindAt(dueAt: due, key: step.key, createdAt: now), id: ids(), now: now, on: db)
        }
    }

    /// Sends the reminder unless the step was finished meanwhile or nobody owns the case. The job's id is the
    /// message's idempotency key, so running the job twice still sends once.
    static func run(_ job: JobQueue.Claimed, now: Date, newID: UUID, on db: any Database) async throws {
        let payload = try JSONDecoder().decode(StepPayload.self, from: Data(job.payload.utf8))
        guard let record = try await StepRecord.query(on: db)
                .filter(\.$organizationID == job.organizationID).filter(\.$id == payload.stepId).first(),
              let step = record.step, step.status.isOpen,
              let owned = try await Case.query(on: db)
                .filter(\.$organizationID == job.organizationID).filter(\.$id == record.caseID).first(),
              owned.caseStatus == .open, let owner = owned.ownerID
        else { return }
        try await Messages.send(kind: "\(Messages.stepDuePrefix)\(step.key.rawValue)", to: owner, organizationID: job.organizationID,
                                link: SiteRoute.caseDetail(record.caseID).path, key: "\(job.kind):\(job.id)", id: newID, now: now, on: db)
    }
}

enum Messages {
    /// A reminder's kind names the step (`step_due.defusing`): the step is not sensitive, and it tells the
    /// leader what to do without opening every message.
    static let stepDuePrefix = "step_due."

    static func send(kind: String, to person: UUID, organizationID: UUID, link: String, key: String, id: UUID, now: Date, on db: any Database) async throws {
        try await db.sql().raw("""
            INSERT INTO messages (id, organization_id, recipient_person_id, kind, link_path, idempotency_key, created_at)
            VALUES (\(bind: id), \(bind: organizationID), \(bind: person), \(bind: kind), \(bind: link), \(bind: key), \(bind: now))
            ON CONFLICT (idempotency_key) DO NOTHING
            """).run()
    }

    static func unreadCount(person: UUID, organizationID: UUID, on db: any Database) async throws -> Int {
        try await Message.query(on: db).filter(\.$organizationID == organizationID).filter(\.$recipientPersonID == person)
            .filter(\.$readAt == nil).count()
    }
}
