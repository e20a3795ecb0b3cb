import Domain
import Fluent
import Foundation
import SQLKit

/// The queue of due work, kept in the database so that several app instances share it and a crash loses
/// nothing. A claimed job is leased; a lapsed lease makes it claimable again, and finishing it requires the
/// attempt number it was claimed with, so a worker that lost its lease cannot finish it.
enum JobQueue {
    struct Claimed: Sendable, Equatable {
        let id: UUID
        let organizationID: UUID
        let kind: String
        let payload: String
        let attempt: Int
        let dueAt: Date
    }

    static func enqueue(_ kind: JobKind, payload: String, organizationID: UUID, dueAt: Date, id: UUID, now: Date, on db: any Database) async throws {
        try await Job(id: id, organizationID: organizationID, kind: kind, payload: payload, dueAt: dueAt, createdAt: now).create(on: db)
    }

    /// Takes up to `limit` due jobs. PostgreSQL lets concurrent workers skip each other's rows
    /// (`FOR UPDATE SKIP LOCKED`); SQLite has one writer, which takes the write lock up front (`BEGIN IMMEDIATE`).
    static func claim(now: Date, lease: TimeInterval, limit: Int, on db: any Database) async throws -> [Claimed] {
        let sql = try db.sql()
        if sql.dialect.name == "postgresql" {
            return try await claimQuery(now: now, lease: lease, limit: limit, skipLocked: true, on: sql)
        }
        return try await db.withConnection { connection in
            let sql = try connection.sql()
            try await sql.raw("BEGIN IMMEDIATE").run()
            do {
                let claimed = try await claimQuery(now: now, lease: lease, limit: limit, skipLocked: false, on: sql)
                try await sql.raw("COMMIT").run()
                return claimed
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    private static func claimQuery(now: Date, lease: TimeInterval, limit: Int, skipLocked: Bool, on sql: any SQLDatabase) async throws -> [Claimed] {
        // The jobs are picked once, in a CTE: PostgreSQL may run a `WHERE id IN (SELECT … LIMIT n SKIP LOCKED)`
        // subquery more than once and so claim more than `limit` jobs; a CTE with FOR UPDATE is evaluated once.
        let rows = try await sql.raw("""
            WITH picked AS (
                SELECT id FROM jobs
                WHERE status = \(bind: Job.Status.queued.rawValue) AND due_at <= \(bind: now)
                  AND (leased_until IS NULL OR leased_until < \(bind: now))
                ORDER BY due_at
                LIMIT \(bind: limit)
                \(unsafeRaw: skipLocked ? "FOR UPDATE SKIP LOCKED" : ""))
            UPDATE jobs SET attempts = attempts + 1, leased_until = \(bind: now.addingTimeInterval(lease))
            WHERE id IN (SELECT id FROM picked)
            RETURNING id, organization_id, kind, payload, attempts, due_at
            """).all()
        return try rows.map {
            Claimed(id: try $0.decode(column: "id", as: UUID.self), organizationID: try $0.decode(column: "organization_id", as: UUID.self),
                    kind: try $0.decode(column: "kind", as: String.self), payload: try $0.decode(column: "payload", as: String.self),
                    attempt: try $0.decode(column: "attempts", as: Int.self), dueAt: try $0.decode(column: "due_at", as: Date.self))
        }
    }

    /// False when the lease was lost: someone else has claimed the job since.
    @discardableResult
    static func complete(_ job: Claimed, now: Date, on db: any Database) async throws -> Bool {
        try await db.sql().raw("""
            UPDATE jobs SET status = \(bind: Job.Status.done.rawValue), finished_at = \(bind: now), leased_until = NULL
            WHERE id = \(bind: job.id) AND attempts = \(bind: job.attempt) AND status = \(bind: Job.Status.queued.rawValue)
            RETURNING id
            """).all().isEmpty == false
    }

    /// Completes all of `jobs` or, when any of them was claimed by someone else since, none.
    static func completeAll(_ jobs: [Claimed], now: Date, on db: any Database) async throws -> Bool {
        let claims = SQLList(jobs.map { SQLGroupExpression([SQLBind($0.id), SQLBind($0.attempt)] as [any SQLExpression]) })
        let done = try await db.sql().raw("""
            UPDATE jobs SET status = \(bind: Job.Status.done.rawValue), finished_at = \(bind: now), leased_until = NULL
            WHERE status = \(bind: Job.Status.queued.rawValue) AND (id, attempts) IN (VALUES \(claims))
            RETURNING id
            """).all()
        return done.count == jobs.count
    }

    @discardableResult
    static func fail(_ job: Claimed, error: String, policy: RetryPolicy, now: Date, on db: any Database) async throws -> Bool {
        let sql = try db.sql()
        let message = String(error.prefix(1000))
        let fenced: SQLQueryString = "id = \(bind: job.id) AND attempts = \(bind: job.attempt) AND status = \(bind: Job.Status.queued.rawValue)"
        switch policy.afterFailure(attempt: job.attempt, now: now) {
        case .retry(let at):
            return try await sql.raw("""
                UPDATE jobs SET due_at = \(bind: at), leased_until = NULL, last_error = \(bind: message) WHERE \(fenced) RETURNING id
                """).all().isEmpty == false
        case .park:
            return try await sql.raw("""
                UPDATE jobs SET status = \(bind: Job.Status.parked.rawValue), leased_until = NULL, last_error = \(bind: message),
                  finished_at = \(bind: now) WHERE \(fenced) RETURNING id
                """).all().isEmpty == false
        }
    }
}
