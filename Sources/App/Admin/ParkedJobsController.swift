import Domain
import Fluent
import SQLKit
import Vapor

/// Jobs that failed every retry, for an administrator to look at and send back to the queue once the cause is
/// fixed (a mail server that was down, say).
enum ParkedJobsController {
    static let pageSize = 100

    struct ParkedJob {
        let id: UUID
        /// As stored: a parked job may have a kind this code does not know, and must still be shown.
        let kind: String
        let attempts: Int
        let finishedAt: Date?
        let lastError: String?
    }

    static func query(organizationID: UUID, on db: any Database) async throws -> [ParkedJob] {
        try await db.sql().raw("""
            SELECT id, kind, attempts, finished_at, last_error FROM jobs
            WHERE organization_id = \(bind: organizationID) AND status = \(bind: Job.Status.parked.rawValue)
            ORDER BY finished_at DESC LIMIT \(bind: pageSize)
            """).all().map { row in
            ParkedJob(id: try row.decode(column: "id", as: UUID.self), kind: try row.decode(column: "kind", as: String.self),
                      attempts: try row.decode(column: "attempts", as: Int.self), finishedAt: try row.decode(column: "finished_at", as: Date?.self),
                      lastError: try row.decode(column: "last_error", as: String?.self))
        }
    }

    /// Back to the queue with a fresh count of attempts, due now. False when no such parked job exists.
    static func retry(_ id: UUID, organizationID: UUID, now: Date, on db: any Database) async throws -> Bool {
        try await db.sql().raw("""
            UPDATE jobs SET status = \(bind: Job.Status.queued.rawValue), attempts = 0, due_at = \(bind: now), leased_until = NULL, finished_at = NULL
            WHERE id = \(bind: id) AND organization_id = \(bind: organizationID) AND status = \(bind: Job.Status.parked.rawValue)
            RETURNING id
            """).all().isEmpty == false
    }

    static func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayAdministerJobs(user.actor) else { throw PageError.forbidden }
        let jobs = try await query(organizationID: user.organizationID, on: req.db)
        let model = ParkedJobsPageModel(jobs, t: req.localizer, csrf: req.csrfToken)
        return Pages.respond(req, title: model.heading, current: .parkedJobs, main: ParkedJobsPageView(model: model).main)
    }

    static func retry(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayAdministerJobs(user.actor) else { throw PageError.forbidden }
        guard try await retry(try req.pageID(RouteParameter.jobID), organizationID: user.organizationID, now: req.now, on: req.db) else {
            throw PageError.notFound
        }
        return req.redirect(to: SiteRoute.parkedJobs.path)
    }
}
