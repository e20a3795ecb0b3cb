import Foundation

/// A one-time link where someone sets their own password: nobody else ever chooses or sees it.
public enum AccountSetupLink {
    public static let lifetime: TimeInterval = 24 * 3600
    /// A link sent because someone asked to reset a password: shorter, since the request may not be the holder's.
    public static let resetLifetime: TimeInterval = 3600

    public enum State: Sendable, Equatable {
        case usable
        case used
        case expired
    }

    public static func state(expiresAt: Date, usedAt: Date?, now: Date) -> State {
        if usedAt != nil { return .used }
        return now < expiresAt ? .usable : .expired
    }
}
