import Domain
import Fluent
import Foundation
import SQLKit

/// Where the demo's planned check-ins write from: the seeding transaction, with no e-mail.
struct DemoOutbox: Outbox {
    let db: any Database
    let now: Date
    let ids: @Sendable () -> UUID
    var sendsEmail: Bool { false }
    var emailDigestWindow: TimeInterval { ChannelPreferences.digestWindow }
}

/// The nurse's follow-up months in the demo: on the earlier pathway the first two check-ins answered and the
/// next ones ready, the attention signal allowed there; on the current pathway the signal refused.
enum DemoCheckIns {
    static func seed(organizationID org: UUID, person: UUID, earlierEvent: UUID, currentEvent: UUID, now: Date, ids: () -> UUID,
                     on db: any Database) async throws {
        let cases = try await db.sql().raw("""
            SELECT id, event_id FROM cases WHERE organization_id = \(bind: org) AND person_id = \(bind: person) AND event_id IN (\(binds: [earlierEvent, currentEvent]))
            """).all()
        func caseOf(_ event: UUID) throws -> UUID? {
            try cases.first { try $0.decode(column: "event_id", as: UUID.self) == event }?.decode(column: "id", as: UUID.self)
        }
        guard let earlier = try caseOf(earlierEvent), let current = try caseOf(currentEvent) else { return }
        let planned = try await db.sql().raw("""
            SELECT id, due_at FROM check_ins WHERE case_id = \(bind: earlier) AND purpose = \(bind: CheckInPurpose.followUp.rawValue) ORDER BY due_at
            """).all().map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "due_at", as: Date.self)) }
        let given: [[String: Int]] = [
            ["wellbeing": 4, "intrusive_memories": 2, "nervousness": 1, "sleep": 2, "concentration": 1, "anxiety": 1, "anger": 0, "self_blame": 2,
             "professional_confidence": 1, "wish_to_leave": 0, "wants_contact": 0],
            ["wellbeing": 5, "intrusive_memories": 1, "nervousness": 1, "sleep": 2, "concentration": 1, "anxiety": 1, "anger": 0, "self_blame": 1,
             "professional_confidence": 1, "wish_to_leave": 0, "wants_contact": 0],
        ]
        for ((checkIn, due), answers) in zip(planned, given) {
            let answeredAt = due.addingTimeInterval(5 * 3600)
            try await db.sql().raw("""
                UPDATE check_ins SET status = \(bind: CheckInStatus.answered.rawValue), answered_at = \(bind: answeredAt), version = 1 WHERE id = \(bind: checkIn)
                """).run()
            var insert = try db.sql().insert(into: CheckInSchema.answers).columns("id", "organization_id", "check_in_id", "item_key", "value")
            for (key, value) in answers.sorted(by: { $0.key < $1.key }) {
                insert = insert.values(SQLBind(ids()), SQLBind(org), SQLBind(checkIn), SQLBind(key), SQLBind(value))
            }
            try await insert.run()
            // Their invitations went out long ago.
            try await db.sql().raw("DELETE FROM jobs WHERE kind = \(bind: JobKind.checkInDue.rawValue) AND payload = \(bind: try CheckIns.Payload.encoded(checkIn))").run()
        }
        // Professional help the hospital offers, for the referral the suggestion leads to.
        for (kind, name, contact) in [
            (ServiceKind.occupationalHealth, "Fjordvik occupational health service", "Phone 22 40 10 00, weekdays 08:00–15:30. Building C, 2nd floor."),
            (ServiceKind.psychologist, "Employee psychologist arrangement", "Up to five free conversations. Phone 22 40 10 50, or ask occupational health."),
        ] {
            try await db.sql().raw("""
                INSERT INTO services (id, organization_id, kind, name, contact, created_at)
                VALUES (\(bind: ids()), \(bind: org), \(bind: kind.rawValue), \(bind: name), \(bind: contact), \(bind: now))
                """).run()
        }
        for (caseID, granted) in [(earlier, true), (current, false)] {
            try await db.sql().raw("""
                INSERT INTO consents (id, organization_id, person_id, case_id, kind, applies_to, granted, decided_at)
                VALUES (\(bind: ids()), \(bind: org), \(bind: person), \(bind: caseID), \(bind: ConsentKind.attentionSignalToOwner.rawValue),
                  \(bind: caseID.uuidString), \(bind: granted), \(bind: now - 86_400))
                """).run()
        }
    }
}
