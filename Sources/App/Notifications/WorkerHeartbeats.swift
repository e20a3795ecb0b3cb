import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Each worker records when it was last seen, so `/health` on any instance can tell whether some worker is
/// alive, wherever it runs.
struct WorkerHeartbeats: Sendable {
    static let aliveWithin: TimeInterval = 60
    let id: String

    func beat(now: Date, on db: any Database) async throws {
        try await db.sql().raw("""
            INSERT INTO worker_heartbeats (id, started_at, seen_at) VALUES (\(bind: id), \(bind: now), \(bind: now))
            ON CONFLICT (id) DO UPDATE SET seen_at = \(bind: now)
            """).run()
    }

    static func forget(seenBefore cutoff: Date, on db: any Database) async throws {
        try await db.sql().raw("DELETE FROM worker_heartbeats WHERE seen_at < \(bind: cutoff)").run()
    }

    func stop(on db: any Database) async throws {
        try await db.sql().raw("DELETE FROM worker_heartbeats WHERE id = \(bind: id)").run()
    }

    enum State: String, Codable {
        case alive, stale, none
    }

    /// Only reads: load balancers call `/health` every few seconds. The nightly retention run forgets old workers.
    static func state(now: Date, on db: any Database) async throws -> (State, Date?) {
        let rows = try await db.sql().raw("SELECT seen_at FROM worker_heartbeats").all()
        let latest = try rows.map { try $0.decode(column: "seen_at", as: Date.self) }.max()
        guard let latest else { return (.none, nil) }
        return (now.timeIntervalSince(latest) <= aliveWithin ? .alive : .stale, latest)
    }
}
