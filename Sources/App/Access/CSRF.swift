import Vapor

/// Every form carries a token that must equal the `SameSite=Strict`, `HttpOnly` cookie the site set, so a
/// form on another site cannot post here on a user's behalf.
struct CSRFProtection: AsyncMiddleware {
    static let field = "_csrf"

    let secureCookies: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .POST {
            // Middleware runs before the route collects a streamed body: read all of it first, or a form that
            // arrives in more than one network read would be checked against its first part only.
            if request.body.data == nil {
                _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
            }
            let sent = try? request.content.get(String.self, at: Self.field)
            guard let cookie = request.cookies[Tokens.csrfCookie]?.string, let sent, !cookie.isEmpty,
                  Tokens.hash(sent) == Tokens.hash(cookie)
            else { throw PageError.formExpired }
        }
        let response = try await next.respond(to: request)
        if let issued = request.storage[IssuedCSRFToken.self] {
            response.cookies[Tokens.csrfCookie] = Self.cookie(issued, secure: secureCookies)
        }
        return response
    }

    static func cookie(_ value: String, secure: Bool, maxAge: Int? = nil) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, maxAge: maxAge, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .strict)
    }
}

struct IssuedCSRFToken: StorageKey {
    typealias Value = String
}

extension Request {
    /// The token forms on this page carry; a fresh one is set as a cookie when the browser has none.
    var csrfToken: String {
        if let issued = storage[IssuedCSRFToken.self] { return issued }
        if let existing = cookies[Tokens.csrfCookie]?.string, !existing.isEmpty { return existing }
        let token = Tokens.random()
        storage[IssuedCSRFToken.self] = token
        return token
    }

    /// At login the token is replaced along with the session.
    func rotateCSRFToken() {
        storage[IssuedCSRFToken.self] = Tokens.random()
    }
}
