import Foundation

/// A dated change to the weekly pattern. A sick day is `off`; a swap is an `off` and a `cover`; a holiday on
/// which the team is closed is `closed`.
public struct RotaException: Sendable, Equatable, Codable {
    public enum Change: Sendable, Equatable, Codable {
        /// The supporter is not on call in the interval, whatever the pattern says.
        case off(UUID)
        /// The supporter is on call in the interval, whatever the pattern says.
        case cover(UUID)
        /// Nobody of the pattern is on call in the interval; a `cover` still counts.
        case closed
    }

    public let interval: DateInterval
    public let change: Change

    public init(interval: DateInterval, change: Change) {
        self.interval = interval
        self.change = change
    }
}
