import Foundation
import Testing
@testable import Domain

@Suite("Step transitions")
struct StepTransitionTests {
    static let allowed: Set<[StepStatus]> = [
        [.pending, .offered], [.pending, .done], [.pending, .notRelevant],
        [.offered, .accepted], [.offered, .declined], [.offered, .done], [.offered, .notRelevant],
        [.accepted, .done], [.accepted, .declined],
        [.declined, .offered],
        [.notRelevant, .pending],
    ]

    static let allPairs: [(StepStatus, StepStatus)] = StepStatus.allCases.flatMap { from in
        StepStatus.allCases.map { (from, $0) }
    }

    @Test("every pair of statuses is allowed exactly when the pathway table says so", arguments: allPairs)
    func transition(from: StepStatus, to: StepStatus) throws {
        let step = PathwayStep(key: .peerSupport, status: from, dueAt: nil)
        let person = UUID()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        if Self.allowed.contains([from, to]) {
            let moved = try step.moving(to: to, by: person, at: now)
            #expect(moved.status == to)
        } else {
            #expect(throws: PathwayStep.TransitionRefused(from: from, to: to)) {
                try step.moving(to: to, by: person, at: now)
            }
        }
    }

    @Test func doneRecordsWhoAndWhen() throws {
        let person = UUID()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let done = try PathwayStep(key: .defusing, dueAt: nil).moving(to: .done, by: person, at: now)
        #expect(done.doneAt == now)
        #expect(done.doneBy == person)
        #expect(done.status.allowedNext.isEmpty)
    }

    @Test func declineCanBeRenewedAsAnOffer() throws {
        let person = UUID()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let declined = try PathwayStep(key: .peerSupport, status: .offered, dueAt: nil).moving(to: .declined, by: person, at: now)
        let renewed = try declined.moving(to: .offered, by: person, at: now)
        #expect(renewed.status == .offered)
        #expect(renewed.doneAt == nil)
    }

    @Test func overdueOnlyWhileOpenAndPastDue() {
        let due = Date(timeIntervalSince1970: 1_800_000_000)
        let before = due.addingTimeInterval(-1)
        let after = due.addingTimeInterval(1)
        for status in StepStatus.allCases {
            let step = PathwayStep(key: .leaderSupport, status: status, dueAt: due)
            #expect(!step.isOverdue(now: before))
            #expect(step.isOverdue(now: after) == [.pending, .offered, .accepted].contains(status))
        }
        #expect(!PathwayStep(key: .apology, dueAt: nil).isOverdue(now: after))
    }
}
