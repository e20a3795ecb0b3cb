import Domain
import Fluent
import Foundation
import SQLKit

/// The check-ins of a pathway that follows an event: planned in one statement when the pathway opens, on the
/// organization's schedule, with the shipped check-in.
enum CheckIns {
    static func schedule(caseID: UUID, personID: UUID, eventAt: Date, schedule: CheckInSchedule = .standard, timeZone: TimeZone,
                         in context: some Outbox, organizationID: UUID) async throws {
        let dates = schedule.dueDates(after: eventAt, timeZone: timeZone)
        guard !dates.isEmpty else { return }
        var insert = try context.db.sql().insert(into: CheckInSchema.checkIns)
            .columns("id", "organization_id", "case_id", "person_id", "instrument", "due_at", "status", "created_at", "version")
        for due in dates {
            insert = insert.values(SQLBind(context.ids()), SQLBind(organizationID), SQLBind(caseID), SQLBind(personID),
                                   SQLBind(InstrumentLibrary.shippedKey), SQLBind(due), SQLBind(CheckInStatus.due.rawValue), SQLBind(context.now), SQLBind(0))
        }
        try await insert.run()
    }

    /// After the event's time was corrected: the check-ins still due on the dates planned from the old time
    /// move to those planned from the new one. Answered and skipped ones stay as they were.
    static func retime(cases: [UUID], from old: Date, to new: Date, schedule: CheckInSchedule = .standard, timeZone: TimeZone,
                       in context: ServiceContext) async throws {
        for (was, will) in zip(schedule.dueDates(after: old, timeZone: timeZone), schedule.dueDates(after: new, timeZone: timeZone)) where was != will {
            try await context.db.sql().raw("""
                UPDATE check_ins SET due_at = \(bind: will), version = version + 1
                WHERE organization_id = \(bind: context.user.organizationID) AND case_id IN (\(binds: cases)) AND due_at = \(bind: was)
                  AND status = \(bind: CheckInStatus.due.rawValue)
                """).run()
        }
    }
}
