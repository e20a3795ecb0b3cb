import Domain
import Fluent
import Foundation
import SQLKit

/// Invites the person to a check-in when it falls due: in the inbox, and by e-mail if they chose it (which
/// waits out their quiet hours). Nothing is sent for a check-in already answered or skipped, a pathway closed
/// (except the anniversary's), or check-ins the person paused or stopped.
enum CheckInInvitations {
    static let dueKind = "check_in_due"
    static let anniversaryKind = "check_in_anniversary"

    static func run(_ job: JobQueue.Claimed, context: JobContext) async throws {
        let payload = try JSONDecoder().decode(CheckIns.Payload.self, from: Data(job.payload.utf8))
        guard let row = try await context.db.sql().raw("""
            SELECT ci.person_id, ci.case_id, ci.due_at, ci.purpose, c.status AS case_status, c.check_ins_paused_until, c.check_ins_stopped_at
            FROM check_ins ci JOIN cases c ON c.id = ci.case_id AND c.organization_id = ci.organization_id
            WHERE ci.organization_id = \(bind: job.organizationID) AND ci.id = \(bind: payload.checkInId) AND ci.status = \(bind: CheckInStatus.due.rawValue)
            """).first() else { return }
        let due = try row.decode(column: "due_at", as: Date.self)
        if due > context.now {
            // The event's time was corrected while this invitation was being run: it is planned again for the new time.
            try await context.db.writeTransaction(gate: context.gate) { db in
                try await JobQueue.enqueue(.checkInDue, payload: job.payload, organizationID: job.organizationID, dueAt: due, id: context.ids(),
                                           now: context.now, on: db)
            }
            return
        }
        let purpose = CheckInPurpose(rawValue: try row.decode(column: "purpose", as: String.self)) ?? .followUp
        let caseOpen = try row.decode(column: "case_status", as: CaseStatus.self) == .open
        let plan = CheckInPlan(pausedUntil: try row.decode(column: "check_ins_paused_until", as: Date?.self),
                               stoppedAt: try row.decode(column: "check_ins_stopped_at", as: Date?.self))
        guard caseOpen || purpose == .anniversary, plan.invites(now: context.now) else { return }
        let caseID = try row.decode(column: "case_id", as: UUID.self)
        try await Messages.send(.init(kind: purpose == .anniversary ? anniversaryKind : dueKind, urgency: .normal,
                                      recipient: try row.decode(column: "person_id", as: UUID.self), organizationID: job.organizationID,
                                      link: SiteRoute.checkIn(payload.checkInId).path, key: "\(job.kind):\(job.id)", caseID: caseID),
                                context: context)
    }
}
