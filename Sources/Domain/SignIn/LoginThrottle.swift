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

    /// Takes one try: nil when it may go ahead, already counted as a failure so that tries sent at the same
    /// moment cannot all slip under the limit; otherwise how long to wait. A try that then succeeds, or that
    /// was never checked, is taken back with `succeeded` or `withdraw`.
    public mutating func begin(_ keys: [Key], now: Date) -> TimeInterval? {
        if let wait = wait(for: keys, now: now) { return wait }
        recordFailure(keys, now: now)
        return nil
    }

    /// Takes back a try counted by `begin` that was not a failure.
    public mutating func withdraw(_ keys: [Key], at time: Date) {
        for key in keys {
            guard var dates = failures[key], let index = dates.lastIndex(of: time) else { continue }
            dates.remove(at: index)
            failures[key] = dates.isEmpty ? nil : dates
        }
    }

    /// A successful login forgets the account's failures and takes back its own try from the address.
    public mutating func succeeded(account: Key, address: Key, at time: Date) {
        failures[account] = nil
        withdraw([address], at: time)
    }

    mutating func forgetExpired(now: Date) {
        failures = failures.filter { key, dates in dates.contains { $0 > now.addingTimeInterval(-key.limit.window) } }
    }
}
