import Domain
import Fluent
import Vapor

enum AuthController {
    struct LoginForm: Content {
        var username: String?
        var password: String?
        /// The page the person was on before being asked to log in.
        var next: String?
    }

    enum Attempt {
        case signedIn(Account)
        case refused
        /// Too many recent failures for this username or address: try again after this many seconds.
        case wait(TimeInterval)
        /// Too many logins are being checked at this moment; nothing was checked.
        case busy
    }

    /// Checks the credentials, hashing off the event loop, unless this username or address has failed too
    /// often lately; then no password is checked at all.
    static func query(username: String, password: String, on req: Request) async throws -> Attempt {
        let guardian = req.application.loginGuard
        let address = req.clientAddress
        let now = req.now
        if let wait = guardian.begin(username: username, address: address, now: now) { return .wait(wait) }
        let account = try await Account.query(on: req.db).filter(\.$username == username).first()
        // An unknown username costs a real check too, so response times do not tell which usernames exist.
        let hash = account?.passwordHash ?? req.application.unknownUserPasswordHash
        guard let matches = try await req.application.passwordChecks.verify(password, created: hash, with: req.application.password) else {
            guardian.withdraw(username: username, address: address, at: now)
            return .busy
        }
        guard let account, matches else { return .refused }
        guardian.succeeded(username: username, address: address, at: now)
        return .signedIn(account)
    }

    static func loginPage(_ req: Request) async throws -> Response {
        let query = PageQuery(req)
        if req.currentUser != nil { return req.redirect(to: query.next ?? SiteRoute.home.path) }
        let notice: (String, PageChrome.Tone)? = switch query.notice {
        case .loggedOut: (req.localizer("login.logged_out"), .success)
        case .signedOutUnsaved: (req.localizer("login.signed_out_unsaved"), .attention)
        default: nil
        }
        return render(req, username: "", error: nil, next: query.next, notice: notice, status: .ok)
    }

    static func login(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let username = (form.username ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let next = PageQuery(next: form.next).next
        guard !username.isEmpty, let password = form.password, !password.isEmpty else {
            return render(req, username: username, error: req.localizer("login.failed"), next: next, status: .unauthorized)
        }
        let account: Account
        switch try await query(username: username, password: password, on: req) {
        case .signedIn(let found):
            account = found
        case .refused:
            return render(req, username: username, error: req.localizer("login.failed"), next: next, status: .unauthorized)
        case .busy:
            let response = render(req, username: username, error: req.localizer("login.busy"), next: next,
                                  status: .serviceUnavailable)
            response.headers.replaceOrAdd(name: .retryAfter, value: "5")
            return response
        case .wait(let seconds):
            let response = render(req, username: username, error: req.localizer("login.throttled", ["time": req.localizer.time(req.now.addingTimeInterval(seconds))]),
                                  next: next, status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: "\(Int(seconds.rounded(.up)))")
            return response
        }
        if let old = req.cookies[Tokens.sessionCookie]?.string { try await Tokens.revoke(old, on: req) }
        let session = try await Tokens.issue(.session, for: account, on: req)
        req.rotateCSRFToken()
        let response = req.redirect(to: next ?? SiteRoute.home.path)
        response.cookies[Tokens.sessionCookie] = CSRFProtection.cookie(
            session.secret, secure: req.application.settings.secureCookies, maxAge: Int(Tokens.sessionLifetime))
        return response
    }

    struct LogoutForm: Content {
        var everywhere: String?
    }

    /// Ends this session; "everywhere" also ends the account's other sessions and its API tokens, for a lost
    /// phone or a shared computer left signed in.
    static func logout(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LogoutForm.self)
        if form.everywhere == "true" {
            try await Tokens.revokeAll(of: try req.requireUser(), on: req.db)
        } else if let secret = req.cookies[Tokens.sessionCookie]?.string {
            try await Tokens.revoke(secret, on: req)
        }
        req.rotateCSRFToken()
        let response = req.redirect(to: SiteRoute.login.path(PageQuery(notice: .loggedOut)))
        response.cookies[Tokens.sessionCookie] = CSRFProtection.cookie("", secure: req.application.settings.secureCookies, maxAge: 0)
        return response
    }

    private static func render(_ req: Request, username: String, error: String?, next: String?, notice: (String, PageChrome.Tone)? = nil,
                               status: HTTPResponseStatus) -> Response {
        let t = req.localizer
        let model = LoginPageModel(username: username, error: error, next: next, t: t, csrf: req.csrfToken)
        return Pages.respond(req, title: t("login.heading"), current: .login, flash: notice?.0, flashTone: notice?.1 ?? .success, status: status,
                             main: LoginPageView(model: model).main)
    }
}
