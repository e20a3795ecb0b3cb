import Domain
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The failed logins this process has seen, kept in memory: a restart forgets them, and with several
/// instances each counts its own (see `LoginThrottle` for the limits).
final class LoginGuard: Sendable {
    private let state = NIOLockedValueBox(LoginThrottle())

    /// What a try counts against: the trusted device it comes from, or else the username and the address.
    static func keys(username: String, address: String, device: String?) -> [LoginThrottle.Key] {
        device.map { [.device($0)] } ?? [.account(username), .address(address)]
    }

    /// Takes one try (see `LoginThrottle.begin`): nil when it may go ahead, else seconds to wait.
    func begin(_ keys: [LoginThrottle.Key], now: Date) -> TimeInterval? {
        state.withLockedValue { $0.begin(keys, now: now) }
    }

    func succeeded(_ keys: [LoginThrottle.Key], at time: Date) {
        state.withLockedValue { $0.succeeded(keys, at: time) }
    }

    /// The try was never checked (the server was busy): it does not count.
    func withdraw(_ keys: [LoginThrottle.Key], at time: Date) {
        state.withLockedValue { $0.withdraw(keys, at: time) }
    }
}

extension Application {
    private struct LoginGuardKey: StorageKey {
        typealias Value = LoginGuard
    }

    /// Made once in `configure`, before any request can arrive.
    var loginGuard: LoginGuard {
        get {
            if let existing = storage[LoginGuardKey.self] { return existing }
            let made = LoginGuard()
            storage[LoginGuardKey.self] = made
            return made
        }
        set { storage[LoginGuardKey.self] = newValue }
    }
}

extension Request {
    /// The address the connection comes from. Forwarded headers are not believed: anyone can write them.
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
