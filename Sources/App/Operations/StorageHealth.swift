import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOConcurrencyHelpers
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// Whether the database can still write. A full disk once gave bare 500s while `/health` said ok: a write that
/// fails for lack of space now answers 503 with a sentence and `Retry-After`, and `/health` and `/metrics`
/// report it until writes have worked for a minute again.
final class StorageHealth: Sendable {
    /// How long after a failed write `/health` still reports it.
    static let remembered: TimeInterval = 60
    /// Below this much free space beside the SQLite file, `/health` is not ok: the next writes would fail.
    static let minimumFreeBytes: Int64 = 16 * 1024 * 1024

    private let lastFull = NIOLockedValueBox<Date?>(nil)
    /// The folder of the SQLite file; nil on PostgreSQL, whose disk is the database server's.
    let dataDirectory: String?

    init(dataDirectory: String?) {
        self.dataDirectory = dataDirectory
    }

    /// A write refused for lack of space, by SQLite or by PostgreSQL (SQLSTATE 53100).
    static func isStorageFull(_ error: any Error) -> Bool {
        if let error = error as? SQLiteError {
            switch error.reason {
            case .full, .ioErrorFailedWrite: return true
            default: return false
            }
        }
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] == PostgresError.Code.diskFull.raw }
        return false
    }

    func recordFull(at time: Date) {
        lastFull.withLockedValue { $0 = time }
    }

    /// Free bytes on the SQLite file's disk; nil on PostgreSQL or when the system does not say.
    func freeBytes() -> Int64? {
        guard let dataDirectory else { return nil }
        var stats = statvfs()
        guard statvfs(dataDirectory, &stats) == 0 else { return nil }
        return Int64(stats.f_bavail) * Int64(stats.f_frsize)
    }

    enum State: String, Codable, Sendable {
        case ok
        /// Writes failed for lack of space within the last minute, or too little space is left for the next.
        case full
    }

    func state(now: Date) -> State {
        if let last = lastFull.withLockedValue({ $0 }), now.timeIntervalSince(last) < Self.remembered { return .full }
        if let free = freeBytes(), free < Self.minimumFreeBytes { return .full }
        return .ok
    }
}

extension Application {
    private struct StorageHealthKey: StorageKey {
        typealias Value = StorageHealth
    }

    /// Made once in `configure`.
    var storageHealth: StorageHealth {
        get { storage[StorageHealthKey.self] ?? StorageHealth(dataDirectory: nil) }
        set { storage[StorageHealthKey.self] = newValue }
    }
}
