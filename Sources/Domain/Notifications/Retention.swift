import Foundation

/// How long operational records are kept: what the queue and the inbox need to work, not a day longer.
/// Audit entries and case data are not touched here; their retention is the organization's decision.
public struct RetentionRules: Sendable, Equatable {
    public var finishedJobs: TimeInterval
    public var readMessages: TimeInterval
    public var unreadMessages: TimeInterval

    public init(finishedJobs: TimeInterval = 30 * 86_400, readMessages: TimeInterval = 180 * 86_400, unreadMessages: TimeInterval = 365 * 86_400) {
        self.finishedJobs = finishedJobs
        self.readMessages = readMessages
        self.unreadMessages = unreadMessages
    }

    public struct Cutoffs: Sendable, Equatable {
        public let finishedJobsBefore: Date
        public let readMessagesBefore: Date
        public let unreadMessagesBefore: Date
    }

    public func cutoffs(now: Date) -> Cutoffs {
        Cutoffs(finishedJobsBefore: now.addingTimeInterval(-finishedJobs), readMessagesBefore: now.addingTimeInterval(-readMessages),
                unreadMessagesBefore: now.addingTimeInterval(-unreadMessages))
    }

    /// The next run: 03:00 local time after `now`, when hardly anyone is working.
    public static func nextRun(after now: Date, timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.nextDate(after: now, matching: DateComponents(hour: 3, minute: 0, second: 0), matchingPolicy: .nextTime)
            ?? now.addingTimeInterval(86_400)
    }
}
