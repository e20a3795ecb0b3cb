import Foundation

/// How failed logins slow down further tries, without ever locking a real user out for long: per username, so
/// one account cannot be guessed at; per address, so many accounts cannot be tried from one place (high, since
/// a hospital's staff often share one address to the outside world); and per trusted device.
///
/// Past the free failures each further try waits a delay that doubles with every failure, up to a ceiling: a
/// guesser gets a few tries a minute at most, and someone who types the username of a colleague five times
/// keeps them waiting a minute, not a quarter of an hour. A browser where the account signed in before carries
/// a device cookie (OWASP's "device cookies"); its tries count against that device only, so nobody elsewhere can
/// slow it down, and a device that fails too often loses that trust for the window.
public struct LoginThrottle: Sendable {
    public struct Limit: Sendable, Equatable {
        /// Failures within the window that cost nothing.
        public let failures: Int
        public let window: TimeInterval
        /// The longest wait after a failure; nil locks the key until the window has passed.
        public let maxDelay: TimeInterval?

        public init(failures: Int, window: TimeInterval, maxDelay: TimeInterval?) {
            self.failures = failures
            self.window = window
            self.maxDelay = maxDelay
        }
    }

    public enum Key: Hashable, Sendable {
        case account(String)
        case address(String)
        /// A trusted device's token, hashed.
        case device(String)

        var limit: Limit {
            switch self {
            case .account: LoginThrottle.perAccount
            case .address: LoginThrottle.perAddress
            case .device: LoginThrottle.perDevice
            }
        }
    }

    public static let perAccount = Limit(failures: 5, window: 15 * 60, maxDelay: 60)
    public static let perAddress = Limit(failures: 50, window: 15 * 60, maxDelay: 30)
    public static let perDevice = Limit(failures: 5, window: 15 * 60, maxDelay: nil)
    /// What is remembered is bounded, so a flood of made-up usernames cannot exhaust memory.
    public static let maxKeys = 100_000
    /// Failures remembered per key beyond the free ones: the delay stops growing long before.
    static let remembered = 16

    private var failures: [Key: [Date]] = [:]

    public init() {}

    /// The wait after `count` failures within the window, the last at `last`; nil when a try is free.
    static func delay(after count: Int, limit: Limit) -> TimeInterval? {
        guard count >= limit.failures else { return nil }
        guard let maxDelay = limit.maxDelay else { return limit.window }
        return min(maxDelay, pow(2, Double(count - limit.failures)))
    }

    /// How long the caller must wait before trying again, or nil when a try is allowed now.
    public func wait(for keys: [Key], now: Date) -> TimeInterval? {
        let waits = keys.compactMap { key -> TimeInterval? in
            let recent = (failures[key] ?? []).filter { $0 > now.addingTimeInterval(-key.limit.window) }
            guard let delay = Self.delay(after: recent.count, limit: key.limit), let last = recent.last, let first = recent.first else { return nil }
            // A locked key waits out the window from its oldest failure; a slowed one, the delay from its last.
            let until = key.limit.maxDelay == nil ? first.addingTimeInterval(key.limit.window) : last.addingTimeInterval(delay)
            let wait = until.timeIntervalSince(now)
            return wait > 0 ? max(1, wait) : nil
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
            failures[key] = Array(recent.suffix(key.limit.failures + Self.remembered))
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

    /// A successful login forgets the failures of the account (or of the trusted device it came from) and
    /// takes back its own try from the address.
    public mutating func succeeded(_ keys: [Key], at time: Date) {
        for key in keys {
            switch key {
            case .account, .device: failures[key] = nil
            case .address: withdraw([key], at: time)
            }
        }
    }

    mutating func forgetExpired(now: Date) {
        failures = failures.filter { key, dates in dates.contains { $0 > now.addingTimeInterval(-key.limit.window) } }
    }
}
