import Foundation

/// How long a chosen supporter has to say yes before the request moves on. Short, because someone is waiting.
public enum ResponseClock {
    public static let defaultMinutes = 30
    /// What an organization may choose: long enough to answer from a ward, short enough for someone waiting.
    public static let allowedMinutes = 5...240
    public static let defaultWindow = TimeInterval(defaultMinutes * 60)

    /// A request whose person has not chosen anyone after this long shows on the coordinators' list.
    public static let unchosenAfter: TimeInterval = 60 * 60

    /// Whether a request is the coordinators' to send on: left without a choice for an hour, or told to them after
    /// passes. Anything else is still the person's or a supporter's to answer. (The coordinators' list asks the same in SQL.)
    public static func waitsForCoordinators(status: SupportRequestStatus, createdAt: Date, escalatedAt: Date?, now: Date) -> Bool {
        (status == .open && createdAt < now.addingTimeInterval(-unchosenAfter)) || ((status == .open || status == .offered) && escalatedAt != nil)
    }

    public static func respondBy(offeredAt: Date, window: TimeInterval = defaultWindow) -> Date {
        offeredAt.addingTimeInterval(window)
    }

    /// The window an organization chose, in minutes; a stored value out of range falls back to the default.
    public static func window(minutes: Int) -> TimeInterval {
        TimeInterval((allowedMinutes.contains(minutes) ? minutes : defaultMinutes) * 60)
    }
}
