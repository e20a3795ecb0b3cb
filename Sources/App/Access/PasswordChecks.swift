import NIOConcurrencyHelpers
import NIOPosix
import Vapor

/// Password checks run on threads of their own. Hashing is slow on purpose; on the application's thread pool,
/// which SQLite also runs its queries on, a flood of logins would leave every page waiting for the database.
/// Each lane admits at most `maxInFlight` checks queued or running; beyond that the answer is "busy", at once.
/// Logins from a trusted device (one the account signed in on before) have a lane of their own, so a flood
/// of guesses from elsewhere never makes a real user wait behind it.
final class PasswordChecks: Sendable {
    static let maxInFlight = 32

    enum Lane: Sendable {
        case trusted
        case untrusted
    }

    private final class Queue: Sendable {
        let pool: NIOThreadPool
        let inFlight = NIOLockedValueBox(0)

        init(threads: Int) {
            pool = NIOThreadPool(numberOfThreads: threads)
            pool.start()
        }
    }

    private let trusted: Queue
    private let untrusted: Queue

    init(threads: Int) {
        trusted = Queue(threads: 1)
        untrusted = Queue(threads: threads)
    }

    private func queue(_ lane: Lane) -> Queue { lane == .trusted ? trusted : untrusted }

    /// Checks queued or running now in `lane`.
    func inFlightCount(_ lane: Lane = .untrusted) -> Int { queue(lane).inFlight.withLockedValue { $0 } }

    func shutdown() throws {
        try trusted.pool.syncShutdownGracefully()
        try untrusted.pool.syncShutdownGracefully()
    }

    /// Whether `password` matches `hash`; nil when too many checks are already waiting in that lane.
    func verify(_ password: String, created hash: String, with hasher: any PasswordHasher, lane: Lane = .untrusted) async throws -> Bool? {
        let queue = queue(lane)
        let admitted = queue.inFlight.withLockedValue { count -> Bool in
            guard count < Self.maxInFlight else { return false }
            count += 1
            return true
        }
        guard admitted else { return nil }
        defer { queue.inFlight.withLockedValue { $0 -= 1 } }
        return try await queue.pool.runIfActive { try hasher.verify(password, created: hash) }
    }
}

extension Application {
    private struct PasswordChecksKey: StorageKey {
        typealias Value = PasswordChecks
    }

    /// Made once in `configure` and shut down with the application.
    var passwordChecks: PasswordChecks {
        get {
            if let existing = storage[PasswordChecksKey.self] { return existing }
            let made = PasswordChecks(threads: 1)
            storage.set(PasswordChecksKey.self, to: made, onShutdown: { try $0.shutdown() })
            return made
        }
        set { storage.set(PasswordChecksKey.self, to: newValue, onShutdown: { try $0.shutdown() }) }
    }
}
