import Vapor

/// Every form carries a token bound to the `SameSite=Strict`, `HttpOnly` cookie the site set and, once signed
/// in, to the session: an HMAC of that cookie keyed with the session's secret. A form on another site cannot
/// post here on a user's behalf, and neither can one that plants its own cookie (from a sibling subdomain, say)
/// or carries another session's pair, since nobody but the browser and the server knows the session's secret.
struct CSRFProtection: AsyncMiddleware {
    static let field = "_csrf"

    let secureCookies: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .POST {
            // Pages take what their forms send, and nothing else: a JSON or multipart body is a client's, not a form's.
            // The HR file upload is the one form that sends a file, as multipart.
            let takesFile = HRImports.Run.takesFile(request.url.path)
            guard let type = request.headers.contentType,
                  (type.type.lowercased() == "application" && type.subType.lowercased() == "x-www-form-urlencoded")
                    || (takesFile && type.type.lowercased() == "multipart" && type.subType.lowercased() == "form-data") else {
                throw Abort(.unsupportedMediaType, reason: "Pages take forms only.")
            }
            // Middleware runs before the route collects a streamed body: read all of it first, or a form that
            // arrives in more than one network read would be checked against its first part only.
            if request.body.data == nil {
                _ = try await request.body.collect(max: takesFile ? HRImports.maxFileBytes : request.application.routes.defaultMaxBodySize.value).get()
            }
            let sent = try? request.content.get(String.self, at: Self.field)
            guard let cookie = request.cookies[Tokens.csrfCookie]?.string, let sent, !cookie.isEmpty,
                  Tokens.hash(sent) == Tokens.hash(Self.formToken(cookie: cookie, session: request.cookies[Tokens.sessionCookie]?.string))
            else { throw PageError.formExpired }
        }
        let response = try await next.respond(to: request)
        if let issued = request.storage[IssuedCSRFToken.self] {
            response.cookies[Tokens.csrfCookie] = Self.cookie(issued, secure: secureCookies)
        }
        return response
    }

    /// What a form carries for this cookie: bound to the session when there is one; before signing in (the
    /// login and language forms) the cookie's own value.
    static func formToken(cookie: String, session: String?) -> String {
        guard let session, !session.isEmpty else { return cookie }
        let mac = HMAC<SHA256>.authenticationCode(for: Data(cookie.utf8), using: SymmetricKey(data: Data(session.utf8)))
        return Data(mac).base64URLEncoded
    }

    static func cookie(_ value: String, secure: Bool, maxAge: Int? = nil) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, maxAge: maxAge, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .strict)
    }
}

struct IssuedCSRFToken: StorageKey {
    typealias Value = String
}

extension Request {
    /// The token forms on this page carry; a fresh cookie is set when the browser has none.
    var csrfToken: String {
        CSRFProtection.formToken(cookie: csrfCookie, session: cookies[Tokens.sessionCookie]?.string)
    }

    private var csrfCookie: String {
        if let issued = storage[IssuedCSRFToken.self] { return issued }
        if let existing = cookies[Tokens.csrfCookie]?.string, !existing.isEmpty { return existing }
        let token = Tokens.random()
        storage[IssuedCSRFToken.self] = token
        return token
    }

    /// At login and logout the cookie is replaced along with the session.
    func rotateCSRFToken() {
        storage[IssuedCSRFToken.self] = Tokens.random()
    }
}
