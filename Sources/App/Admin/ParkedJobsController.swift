import Domain
import Fluent
import Vapor

/// Jobs that failed every retry, for an administrator to look at and send back to the queue once the cause is
/// fixed (a mail server that was down, say).
enum ParkedJobsController {
    static let pageSize = 100

    static func query(organizationID: UUID, on db: any Database) async throws -> [Job] {
        try await Job.query(on: db).filter(\.$organizationID == organizationID).filter(\.$status == Job.Status.parked.rawValue)
            .sort(\.$finishedAt, .descending).limit(pageSize).all()
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
        let t = req.localizer
        let model = ParkedJobsPageModel(
            heading: t("jobs.heading"), intro: t("jobs.intro"), empty: t("jobs.empty"),
            items: jobs.compactMap { job in
                guard let id = job.id else { return nil }
                return .init(kind: t("jobs.kind.\(job.kind)"), attempts: t("jobs.attempts", ["count": "\(job.attempts)"]),
                             parkedAt: job.finishedAt.map(t.dateTime) ?? "", error: job.lastError ?? "", retry: .retryJob(id))
            },
            retryLabel: t("jobs.retry"), csrf: req.csrfToken)
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
