import Domain
import Vapor

/// The person's own list of where they are signed in, and a way to end any of it: a phone left at work, a
/// token for a script no longer used.
enum SessionsController {
    static func show(_ req: Request) async throws -> Response {
        try await render(req, flash: PageQuery(req).notice == .removed ? req.localizer("sessions.ended") : nil)
    }

    static func end(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.pageID(RouteParameter.sessionID)
        guard try await Sessions.end(id, in: req.context()) else { throw PageError.notFound }
        // Ending this very session signs out here.
        if id == user.tokenID {
            let response = req.redirect(to: SiteRoute.login.path(PageQuery(notice: .loggedOut)))
            response.cookies[Tokens.sessionCookie] = CSRFProtection.cookie("", secure: req.application.settings.secureCookies, maxAge: 0)
            return response
        }
        return req.redirect(to: SiteRoute.sessions.path(PageQuery(notice: .removed)))
    }

    private static func render(_ req: Request, flash: String?) async throws -> Response {
        let user = try req.requireUser()
        let now = req.now
        let entries = try await Sessions.list(accountID: user.accountID, organizationID: user.organizationID, now: now,
                                              idleSince: now.addingTimeInterval(-req.application.settings.sessionIdleTimeout), on: req.db)
        try await AuditLog.record(req, .read, "sessions", id: nil, subject: user.personID)
        let model = SessionsPageModel(entries, current: user.tokenID, t: req.localizer, csrf: req.csrfToken)
        return Pages.respond(req, title: model.heading, current: .sessions, flash: flash, main: SessionsPageView(model: model).main)
    }
}
