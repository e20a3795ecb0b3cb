import Foundation

/// How long a chosen supporter has to say yes before the request moves on. Short, because someone is waiting.
public enum ResponseClock {
    public static let defaultWindow: TimeInterval = 30 * 60

    /// A request whose person has not chosen anyone after this long shows on the coordinators' list.
    public static let unchosenAfter: TimeInterval = 60 * 60

    public static func respondBy(offeredAt: Date, window: TimeInterval = defaultWindow) -> Date {
        offeredAt.addingTimeInterval(window)
    }
}
