import Domain
import Fluent
import Foundation
import SQLKit

/// The person pausing, stopping and starting again the check-ins of one of their pathways. Only the person
/// does this; it is conditional on the pathway's version like every change of a case, and audited.
enum CheckInPlans {
    enum Change: Sendable, Equatable {
        case pause(days: Int)
        case stop
        case restart
    }

    enum Failure: Error, Equatable {
        case notFound
        case invalid
        /// The pathway changed since the page was read.
        case changed
    }

    static func plan(caseID: UUID, in context: ServiceContext) async throws -> (plan: CheckInPlan, version: Int)? {
        guard let row = try await context.db.sql().raw("""
            SELECT check_ins_paused_until, check_ins_stopped_at, version FROM cases
            WHERE organization_id = \(bind: context.user.organizationID) AND id = \(bind: caseID) AND person_id = \(bind: context.user.personID)
            """).first() else { return nil }
        return (CheckInPlan(pausedUntil: try row.decode(column: "check_ins_paused_until", as: Date?.self),
                            stoppedAt: try row.decode(column: "check_ins_stopped_at", as: Date?.self)),
                try row.decode(column: "version", as: Int.self))
    }

    static func change(caseID: UUID, _ change: Change, seenVersion seen: Int, in context: ServiceContext) async throws {
        guard try await plan(caseID: caseID, in: context) != nil else { throw Failure.notFound }
        let next: CheckInPlan
        switch change {
        case .pause(let days):
            guard let paused = CheckInPlan.pause(days: days, now: context.now) else { throw Failure.invalid }
            next = paused
        case .stop: next = CheckInPlan(stoppedAt: context.now)
        case .restart: next = CheckInPlan()
        }
        let user = context.user
        let changed = try await context.transaction { tx in
            let rows = try await tx.db.sql().raw("""
                UPDATE cases SET check_ins_paused_until = \(bind: next.pausedUntil), check_ins_stopped_at = \(bind: next.stoppedAt), version = version + 1
                WHERE organization_id = \(bind: user.organizationID) AND id = \(bind: caseID) AND person_id = \(bind: user.personID) AND version = \(bind: seen)
                RETURNING id
                """).all()
            guard !rows.isEmpty else { return false }
            try await tx.audit(.update, "check_in_plan", id: caseID, subject: user.personID)
            return true
        }
        guard changed else { throw Failure.changed }
    }
}
