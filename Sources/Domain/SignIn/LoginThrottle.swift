import Foundation

/// How many failed logins are tolerated before more tries must wait: per username, so one account cannot be
/// guessed at, and per address, so many accounts cannot be tried from one place. The address limit is high
/// because a hospital's staff often share one address to the outside world.
public struct LoginThrottle: Sendable {
    public struct Limit: Sendable, Equatable {
        public let failures: Int
        public let window: TimeInterval

        public init(failures: Int, window: TimeInterval) {
            self.failures = failures
            self.window = window
        }
    }

    public enum Key: Hashable, Sendable {
        case account(String)
        case address(String)

        var limit: Limit {
            switch self {
            case .account: LoginThrottle.perAccount
            case .address: LoginThrottle.perAddress
            }
        }
    }

    public static let perAccount = Limit(failures: 5, window: 15 * 60)
    public static let perAddress = Limit(failures: 50, window: 15 * 60)
    /// What is remembered is bounded, so a flood of made-up usernames cannot exhaust memory.
    public static let maxKeys = 100_000

    private var failures: [Key: [Date]] = [:]

    public init() {}

    /// How long the caller must wait before trying again, or nil when a try is allowed now.
    public func wait(for keys: [Key], now: Date) -> TimeInterval? {
        let waits = keys.compactMap { key -> TimeInterval? in
            let recent = (failures[key] ?? []).filter { $0 > now.addingTimeInterval(-key.limit.window) }
            guard recent.count >= key.limit.failures, let oldest = recent.first else { return nil }
            return max(1, oldest.addingTimeInterval(key.limit.window).timeIntervalSince(now))
        }
        return waits.max()
    }

    public mutating func recordFailure(_ keys: [Key], now: Date) {
        if failures.count >= Self.maxKeys { forgetExpired(now: now) }
        // Full even so: keys already counted go on counting, new ones are not added. Emptying the table instead
        // would let a flood of made-up usernames wipe the count of the account under attack.
        for key in keys where failures[key] != nil || failures.count < Self.maxKeys {
            var recent = (failures[key] ?? []).filter { $0 > now.addingTimeInterval(-key.limit.window) }
            recent.append(now)
            failures[key] = Array(recent.suffix(key.limit.failures))
        }
    }

    /// A successful login forgets the account's failures (the address keeps its count).
    public mutating func recordSuccess(_ key: Key) {
        failures[key] = nil
    }

    mutating func forgetExpired(now: Date) {
        failures = failures.filter { key, dates in dates.contains { $0 > now.addingTimeInterval(-key.limit.window) } }
    }
}
