import Fluent
import SQLKit
import Vapor

func routes(_ app: Application) throws {
    app.get(SiteRoute.health.pattern, use: HealthController.check)
    app.get(SiteRoute.metrics.pattern, use: MetricsController.scrape)
    app.get(SiteRoute.stylesheet.pattern) { req in StaticAsset.respond(req, name: "app", ext: "css", type: .css) }
    app.get(SiteRoute.script.pattern) { req in StaticAsset.respond(req, name: "app", ext: "js", type: HTTPMediaType(type: "text", subType: "javascript")) }

    let site = app.grouped(CSRFProtection(secureCookies: app.settings.secureCookies), SessionAuthenticator())
    site.get(SiteRoute.home.pattern, use: HomeController.home)
    site.get(SiteRoute.login.pattern, use: AuthController.loginPage)
    site.post(SiteRoute.login.pattern, use: AuthController.login)
    site.post(SiteRoute.language.pattern, use: LanguageController.choose)

    let signedIn = site.grouped(RequireLoginPage())
    signedIn.post(SiteRoute.logout.pattern, use: AuthController.logout)
    signedIn.get(SiteRoute.mySupport.pattern, use: SupportController.mySupport)
    signedIn.get(SiteRoute.requestSupport.pattern, use: SupportController.requestPage)
    signedIn.post(SiteRoute.requestSupport.pattern, use: SupportController.request)
    signedIn.get(SiteRoute.tasks.pattern, use: TasksController.show)
    signedIn.get(SiteRoute.newEvent.pattern, use: EventController.newPage)
    signedIn.post(SiteRoute.newEvent.pattern, use: EventController.create)
    signedIn.get(SiteRoute.event(.routePlaceholder).pattern, use: EventController.show)
    signedIn.get(SiteRoute.caseDetail(.routePlaceholder).pattern, use: CaseController.show)
    signedIn.post(SiteRoute.caseStep(.routePlaceholder, .defusing).pattern, use: CaseController.moveStep)
    signedIn.post(SiteRoute.closeCase(.routePlaceholder).pattern, use: CaseController.close)
    signedIn.post(SiteRoute.reopenCase(.routePlaceholder).pattern, use: CaseController.reopen)
    signedIn.get(SiteRoute.inbox.pattern, use: InboxController.show)
    signedIn.post(SiteRoute.markRead(.routePlaceholder).pattern, use: InboxController.markRead)
    signedIn.post(SiteRoute.markAllRead.pattern, use: InboxController.markAllRead)
    signedIn.get(SiteRoute.notificationSettings.pattern, use: NotificationSettings.show)
    signedIn.post(SiteRoute.notificationSettings.pattern, use: NotificationSettings.save)
    signedIn.get(SiteRoute.parkedJobs.pattern, use: ParkedJobsController.show)
    signedIn.post(SiteRoute.retryJob(.routePlaceholder).pattern, use: ParkedJobsController.retry)

    try APIController.register(app)
}

enum HealthController {
    struct Report: Content {
        let status: String
        let database: String
        let worker: WorkerHeartbeats.State
        let workerSeenAt: Date?
    }

    /// 200 while the database answers, whatever the worker's state: a web instance without a worker can still
    /// serve people. The worker's state is reported for monitoring to alert on.
    static func check(_ req: Request) async throws -> Response {
        do {
            let (worker, seen) = try await WorkerHeartbeats.state(now: req.now, on: req.db)
            return try await Report(status: "ok", database: "ok", worker: worker, workerSeenAt: seen).encodeResponse(status: .ok, for: req)
        } catch {
            req.logger.error("Health check: the database did not answer: \(String(reflecting: error))")
            return try await Report(status: "unavailable", database: "unavailable", worker: .none, workerSeenAt: nil)
                .encodeResponse(status: .serviceUnavailable, for: req)
        }
    }
}

enum MetricsController {
    static func scrape(_ req: Request) async throws -> Response {
        guard req.application.settings.metricsToken != nil || isLoopback(req.application.http.server.configuration.hostname) else {
            // Served beyond this machine, the figures would tell anyone how busy the program is.
            return Response(status: .forbidden, body: .init(string: "Set IVARETA_METRICS_TOKEN to serve /metrics on an address other than loopback.\n"))
        }
        if let token = req.application.settings.metricsToken {
            let given = req.headers.bearerAuthorization?.token ?? ""
            guard Array(SHA256.hash(data: Data(given.utf8))) == Array(SHA256.hash(data: Data(token.utf8))) else {
                return Response(status: .unauthorized, headers: ["WWW-Authenticate": "Bearer"])
            }
        }
        try await req.application.metrics.refreshQueue(on: req.db.sql(), now: req.now)
        let response = Response(status: .ok, body: .init(string: req.application.metrics.registry.emitToString()))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return response
    }

    static func isLoopback(_ hostname: String) -> Bool {
        hostname == "localhost" || hostname == "::1" || hostname == "[::1]" || hostname.hasPrefix("127.")
    }
}

enum StaticAsset {
    static func respond(_ req: Request, name: String, ext: String, type: HTTPMediaType) -> Response {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources/Public"),
              let data = try? Data(contentsOf: url)
        else { return Response(status: .notFound) }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = type
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }
}
