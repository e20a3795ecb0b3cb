import Fluent
import Vapor

/// Reads the session cookie of the web pages.
struct SessionAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let secret = request.cookies[Tokens.sessionCookie]?.string {
            let now = request.now
            let user = try await CurrentUser.load(tokenHash: Tokens.hash(secret), kind: .session, now: now,
                                                  idleSince: now.addingTimeInterval(-request.application.settings.sessionIdleTimeout), on: request.db)
            if let user, user.lastSeenIsStale, let token = user.tokenID {
                try await Sessions.touch(token, organizationID: user.organizationID, at: now, on: request.db)
            }
            request.currentUser = user
        }
        return try await next.respond(to: request)
    }
}

/// Reads the `Authorization: Bearer` token of the JSON API.
struct BearerAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            request.currentUser = try await CurrentUser.load(tokenHash: Tokens.hash(bearer.token), kind: .api, now: request.now, on: request.db)
        }
        return try await next.respond(to: request)
    }
}

/// Pages need a signed-in user: anyone else is sent to the login page, and brought back afterwards. A form
/// sent after the session ended is not saved, and the login page says so, so nothing is lost without a word.
struct RequireLoginPage: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.currentUser == nil else { return try await next.respond(to: request) }
        if request.method == .GET {
            return request.redirect(to: SiteRoute.login.path(PageQuery(next: request.url.path)))
        }
        guard request.url.path != SiteRoute.logout.path else { return request.redirect(to: SiteRoute.login.path) }
        let back = request.headers.first(name: .referer).flatMap(URI.init(string:)).map(\.path)
        return request.redirect(to: SiteRoute.login.path(PageQuery(notice: .signedOutUnsaved, next: back)))
    }
}

struct RequireAPIUser: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.currentUser != nil else { throw APIError(.unauthorized, "unauthorized", "A valid bearer token is required.") }
        return try await next.respond(to: request)
    }
}
