import Foundation
import Testing
@testable import Domain

@Suite("Retries and reminders")
struct RetryPolicyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func backsOffExponentiallyUpToACeilingThenParks() {
        let policy = RetryPolicy(maxAttempts: 5, firstDelay: 30, maxDelay: 100)
        #expect(policy.afterFailure(attempt: 1, now: now) == .retry(at: now.addingTimeInterval(30)))
        #expect(policy.afterFailure(attempt: 2, now: now) == .retry(at: now.addingTimeInterval(60)))
        #expect(policy.afterFailure(attempt: 3, now: now) == .retry(at: now.addingTimeInterval(100)))
        #expect(policy.afterFailure(attempt: 4, now: now) == .retry(at: now.addingTimeInterval(100)))
        #expect(policy.afterFailure(attempt: 5, now: now) == .park)
    }

    @Test func remindersComeBeforeTheDueTimeButNotBeforeTheStepExists() {
        let due = now.addingTimeInterval(8 * 3600)
        #expect(ReminderPlanner.remindAt(dueAt: due, key: .defusing, createdAt: now) == now.addingTimeInterval(6 * 3600))
        #expect(ReminderPlanner.remindAt(dueAt: now.addingTimeInterval(3600), key: .defusing, createdAt: now) == now)
        let week = now.addingTimeInterval(7 * 86400)
        #expect(ReminderPlanner.remindAt(dueAt: week, key: .followUpMeetings, createdAt: now) == week.addingTimeInterval(-86400))
    }
}
