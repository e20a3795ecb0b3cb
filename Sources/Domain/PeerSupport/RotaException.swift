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

    /// How the change is stored: its kind (`off`, `cover`, `closed`) and the supporter it names, if any.
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case off, cover, closed
    }

    public init?(interval: DateInterval, kind: Kind, supporter: UUID?) {
        switch (kind, supporter) {
        case (.off, let who?): self.init(interval: interval, change: .off(who))
        case (.cover, let who?): self.init(interval: interval, change: .cover(who))
        case (.closed, _): self.init(interval: interval, change: .closed)
        default: return nil
        }
    }

    public let interval: DateInterval
    public let change: Change

    public init(interval: DateInterval, change: Change) {
        self.interval = interval
        self.change = change
    }
}
