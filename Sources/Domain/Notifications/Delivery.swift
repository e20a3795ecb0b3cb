import Foundation

public enum Urgency: String, Sendable, Codable, CaseIterable {
    case normal, urgent
}

/// A daily window, in the person's organization's local time, in which non-urgent e-mail waits.
/// `start` and `end` are minutes after midnight; a window may wrap past midnight (22:00–07:00).
public struct QuietHours: Sendable, Equatable {
    public let start: Int
    public let end: Int

    public init?(start: Int, end: Int) {
        guard (0..<1440).contains(start), (0..<1440).contains(end), start != end else { return nil }
        self.start = start
        self.end = end
    }

    public func contains(minuteOfDay minute: Int) -> Bool {
        start < end ? (start..<end).contains(minute) : (minute >= start || minute < end)
    }
}

/// What a person chose about being told things outside the app.
public struct ChannelPreferences: Sendable, Equatable {
    public var emailAddress: String?
    public var emailEnabled: Bool
    public var quietHours: QuietHours?
    /// Not a choice: whether the person's team rota has them on call at the moment of sending.
    public var onCall: Bool

    public init(emailAddress: String? = nil, emailEnabled: Bool = false, quietHours: QuietHours? = nil, onCall: Bool = false) {
        self.emailAddress = emailAddress
        self.emailEnabled = emailEnabled
        self.quietHours = quietHours
        self.onCall = onCall
    }

    /// Urgent messages (a support request waiting for an on-call supporter) always go out by e-mail while the
    /// person is on call, whatever they chose; the in-app inbox always gets every message.
    public func sendsEmail(_ urgency: Urgency) -> Bool {
        guard let emailAddress, !emailAddress.isEmpty else { return false }
        return emailEnabled || (urgency == .urgent && onCall)
    }

    /// How long a normal e-mail waits for others to the same person, so that several at once become one.
    public static let digestWindow: TimeInterval = 5 * 60

    /// When the e-mail goes out: after the digest window, or when quiet hours end (when everything held back goes
    /// as one). Urgent messages go at once and ignore quiet hours.
    public func emailAt(now: Date, urgency: Urgency, timeZone: TimeZone, window: TimeInterval = digestWindow) -> Date {
        guard urgency == .normal else { return now }
        guard let quietHours else { return now.addingTimeInterval(window) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: now)
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        guard quietHours.contains(minuteOfDay: minute) else { return now.addingTimeInterval(window) }
        let next = calendar.nextDate(after: now, matching: DateComponents(hour: quietHours.end / 60, minute: quietHours.end % 60, second: 0),
                                     matchingPolicy: .nextTime) ?? now
        return next
    }
}
