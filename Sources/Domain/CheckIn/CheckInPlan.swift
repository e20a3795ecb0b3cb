import Foundation

/// The person's say over their check-ins: skip one, pause them for a while, stop them all, start again.
public struct CheckInPlan: Sendable, Equatable {
    public var pausedUntil: Date?
    public var stoppedAt: Date?

    public init(pausedUntil: Date? = nil, stoppedAt: Date? = nil) {
        self.pausedUntil = pausedUntil
        self.stoppedAt = stoppedAt
    }

    public enum State: Sendable, Equatable {
        case active
        case paused(until: Date)
        case stopped
    }

    public func state(now: Date) -> State {
        if stoppedAt != nil { return .stopped }
        if let pausedUntil, pausedUntil > now { return .paused(until: pausedUntil) }
        return .active
    }

    /// Whether a check-in falling due now is brought to the person's attention.
    public func invites(now: Date) -> Bool { state(now: now) == .active }

    /// The pauses a person can choose, in days.
    public static let pauseChoices = [7, 14, 28]

    public static func pause(days: Int, now: Date) -> CheckInPlan? {
        guard pauseChoices.contains(days) else { return nil }
        return CheckInPlan(pausedUntil: now.addingTimeInterval(Double(days) * 86_400))
    }
}

extension CheckInSchedule {
    /// The anniversary check-in is offered a week before the day, so the person can prepare for it.
    public func anniversaryCheckIn(after eventAt: Date, timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(byAdding: .year, value: 1, to: eventAt).flatMap { calendar.date(byAdding: .day, value: -7, to: $0) }
    }
}
