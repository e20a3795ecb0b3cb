import Domain
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The failed logins this process has seen, kept in memory: a restart forgets them, and with several
/// instances each counts its own (see `LoginThrottle` for the limits).
final class LoginGuard: Sendable {
    private let state = NIOLockedValueBox(LoginThrottle())

    /// Takes one try (see `LoginThrottle.begin`): nil when it may go ahead, else seconds to wait.
    func begin(username: String, address: String, now: Date) -> TimeInterval? {
        state.withLockedValue { $0.begin(Self.keys(username, address), now: now) }
    }

    func succeeded(username: String, address: String, at time: Date) {
        state.withLockedValue { $0.succeeded(account: .account(username), address: .address(address), at: time) }
    }

    /// The try was never checked (the server was busy): it does not count.
    func withdraw(username: String, address: String, at time: Date) {
        state.withLockedValue { $0.withdraw(Self.keys(username, address), at: time) }
    }

    private static func keys(_ username: String, _ address: String) -> [LoginThrottle.Key] {
        [.account(username), .address(address)]
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
