import Domain
import Fluent
import Foundation
import SQLKit

/// The check-ins of a pathway that follows an event: planned in one statement when the pathway opens, on the
/// organization's schedule, with the shipped check-in, each with the job that invites the person when it falls
/// due; and the anniversary check-in a week before the day.
enum CheckIns {
    struct Payload: Codable {
        let checkInId: UUID

        static func encoded(_ id: UUID) throws -> String {
            String(decoding: try JSONEncoder().encode(Payload(checkInId: id)), as: UTF8.self)
        }
    }

    static func schedule(caseID: UUID, personID: UUID, eventAt: Date, schedule: CheckInSchedule, timeZone: TimeZone,
                         in context: some Outbox, organizationID: UUID) async throws {
        var planned = schedule.dueDates(after: eventAt, timeZone: timeZone).map { (due: $0, purpose: CheckInPurpose.followUp) }
        if let anniversary = schedule.anniversaryCheckIn(after: eventAt, timeZone: timeZone) { planned.append((anniversary, .anniversary)) }
        guard !planned.isEmpty else { return }
        var insert = try context.db.sql().insert(into: CheckInSchema.checkIns)
            .columns("id", "organization_id", "case_id", "person_id", "instrument", "due_at", "status", "created_at", "version", "purpose")
        var jobs = try context.db.sql().insert(into: Job.schema)
            .columns("id", "organization_id", "kind", "payload", "status", "due_at", "attempts", "created_at")
        for check in planned {
            let id = context.ids()
            insert = insert.values(SQLBind(id), SQLBind(organizationID), SQLBind(caseID), SQLBind(personID), SQLBind(InstrumentLibrary.shippedKey),
                                   SQLBind(check.due), SQLBind(CheckInStatus.due.rawValue), SQLBind(context.now), SQLBind(0), SQLBind(check.purpose.rawValue))
            jobs = jobs.values(SQLBind(context.ids()), SQLBind(organizationID), SQLBind(JobKind.checkInDue.rawValue), SQLBind(try Payload.encoded(id)),
                               SQLBind(Job.Status.queued.rawValue), SQLBind(max(check.due, context.now)), SQLBind(0), SQLBind(context.now))
        }
        try await insert.run()
        try await jobs.run()
    }

    /// After the event's time was corrected: the check-ins still due on the dates planned from the old time
    /// move to those planned from the new one, and so do their invitations. Answered and skipped ones stay.
    /// The organization's schedule as it is now gives the pairs; a check-in planned on a schedule changed since
    /// matches none of them and keeps its date.
    static func retime(cases: [UUID], from old: Date, to new: Date, timeZone: TimeZone, in context: ServiceContext) async throws {
        let schedule = try await CheckInSchedules.load(organizationID: context.user.organizationID, on: context.db)
        var pairs = Array(zip(schedule.dueDates(after: old, timeZone: timeZone), schedule.dueDates(after: new, timeZone: timeZone)))
        if let was = schedule.anniversaryCheckIn(after: old, timeZone: timeZone), let will = schedule.anniversaryCheckIn(after: new, timeZone: timeZone) {
            pairs.append((was, will))
        }
        let org = context.user.organizationID
        for (was, will) in pairs where was != will {
            let moved = try await context.db.sql().raw("""
                UPDATE check_ins SET due_at = \(bind: will), version = version + 1
                WHERE organization_id = \(bind: org) AND case_id IN (\(binds: cases)) AND due_at = \(bind: was)
                  AND status = \(bind: CheckInStatus.due.rawValue)
                RETURNING id
                """).all().map { try $0.decode(column: "id", as: UUID.self) }
            guard !moved.isEmpty else { continue }
            let payloads = try moved.map(Payload.encoded)
            // An invitation a worker holds right now runs, finds the check-in not yet due, and plans itself anew.
            try await context.db.sql().raw("""
                UPDATE jobs SET due_at = \(bind: max(will, context.now))
                WHERE organization_id = \(bind: org) AND kind = \(bind: JobKind.checkInDue.rawValue) AND status = \(bind: Job.Status.queued.rawValue)
                  AND payload IN (\(binds: payloads))
                """).run()
        }
    }
}
