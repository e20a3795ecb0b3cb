import NIOConcurrencyHelpers
import NIOPosix
import Vapor

/// Password checks run on threads of their own. Hashing is slow on purpose; on the application's thread pool,
/// which SQLite also runs its queries on, a flood of logins would leave every page waiting for the database.
/// At most `maxInFlight` checks are queued or running; beyond that the answer is "busy", at once.
final class PasswordChecks: Sendable {
    static let maxInFlight = 32

    private let pool: NIOThreadPool
    private let inFlight = NIOLockedValueBox(0)

    init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    /// Checks queued or running now.
    var inFlightCount: Int { inFlight.withLockedValue { $0 } }

    func shutdown() throws {
        try pool.syncShutdownGracefully()
    }

    /// Whether `password` matches `hash`; nil when too many checks are already waiting.
    func verify(_ password: String, created hash: String, with hasher: any PasswordHasher) async throws -> Bool? {
        let admitted = inFlight.withLockedValue { count -> Bool in
            guard count < Self.maxInFlight else { return false }
            count += 1
            return true
        }
        guard admitted else { return nil }
        defer { inFlight.withLockedValue { $0 -= 1 } }
        return try await pool.runIfActive { try hasher.verify(password, created: hash) }
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
