import Domain
import Fluent
import Foundation
import SQLKit

/// Each organization's check-in schedule: its own when a coordinator chose one, the standard one otherwise.
enum CheckInSchedules {
    static let table = "check_in_offsets"

    enum Failure: Error, Equatable {
        case forbidden
        case invalid
        /// Someone else changed the schedule since the page was read.
        case changed
    }

    static func load(organizationID: UUID, on db: any Database) async throws -> CheckInSchedule {
        let offsets = try await db.sql().raw("""
            SELECT offset_code FROM check_in_offsets WHERE organization_id = \(bind: organizationID) ORDER BY position
            """).all().compactMap { CheckInSchedule.Offset(code: try $0.decode(column: "offset_code", as: String.self)) }
        return offsets.isEmpty ? .standard : CheckInSchedule(offsets: offsets)
    }

    static func codes(_ schedule: CheckInSchedule) -> String { schedule.offsets.map(\.code).joined(separator: " ") }

    /// Sets the schedule for pathways opened from now on; those open already keep theirs. `shown` is the schedule
    /// the coordinator's page showed: if it changed since, nothing is written.
    static func set(_ codes: [String], shown: String?, in context: ServiceContext) async throws {
        guard AccessPolicy.mayRunPeerSupport(context.user.actor) else { throw Failure.forbidden }
        let offsets = codes.compactMap(CheckInSchedule.Offset.init(code:))
        guard offsets.count == codes.count, let schedule = CheckInSchedule.chosen(offsets) else { throw Failure.invalid }
        let org = context.user.organizationID
        try await context.transaction { tx in
            try await tx.db.lockOrganization(org)
            guard try await Self.codes(load(organizationID: org, on: tx.db)) == (shown ?? "") else { throw Failure.changed }
            try await tx.db.sql().raw("DELETE FROM check_in_offsets WHERE organization_id = \(bind: org)").run()
            var insert = try tx.db.sql().insert(into: table).columns("id", "organization_id", "position", "offset_code")
            for (position, offset) in schedule.offsets.enumerated() {
                insert = insert.values(SQLBind(tx.newID()), SQLBind(org), SQLBind(position), SQLBind(offset.code))
            }
            try await insert.run()
            try await tx.audit(.update, "check_in_schedule", id: org, subject: nil)
        }
    }
}
