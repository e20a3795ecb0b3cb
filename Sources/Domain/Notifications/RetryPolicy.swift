import Foundation

/// How a failed job is retried: exponential back-off with a ceiling, then parked for an administrator.
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var firstDelay: TimeInterval
    public var maxDelay: TimeInterval

    public init(maxAttempts: Int = 8, firstDelay: TimeInterval = 30, maxDelay: TimeInterval = 3600) {
        self.maxAttempts = maxAttempts
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
    }

    public enum Outcome: Equatable, Sendable {
        case retry(at: Date)
        case park
    }

    /// What to do after attempt number `attempt` (1 for the first run) failed at `now`.
    public func afterFailure(attempt: Int, now: Date) -> Outcome {
        guard attempt < maxAttempts else { return .park }
        let delay = min(maxDelay, firstDelay * pow(2, Double(max(0, attempt - 1))))
        return .retry(at: now.addingTimeInterval(delay))
    }
}

/// When the owner of a step is reminded: shortly before the due time, never before the step exists.
public enum ReminderPlanner {
    public static func remindAt(dueAt: Date, key: StepKey, createdAt: Date) -> Date {
        let lead: TimeInterval = switch key {
        case .defusing: 2 * 3600
        case .leaderSupport, .peerSupport, .reporting: 4 * 3600
        default: 24 * 3600
        }
        return max(createdAt, dueAt.addingTimeInterval(-lead))
    }
}
