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
        /// `trusted`: the login came from a device the account signed in on before.
        case signedIn(Account, trusted: Bool)
        case refused
        /// Too many recent failures for this username, address or device: try again after this many seconds.
        case wait(TimeInterval)
        /// Too many logins are being checked at this moment; nothing was checked.
        case busy
        /// The right password, for someone HR no longer has: they are told so, since only they could know it.
        case deactivated
    }

    /// Checks the credentials, hashing off the event loop, unless this username, address or device has failed
    /// too often lately; then no password is checked at all. A login from a trusted device counts against that
    /// device alone, and is checked in a lane of its own (see `PasswordChecks`).
    static func query(username: String, password: String, on req: Request) async throws -> Attempt {
        let guardian = req.application.loginGuard
        let now = req.now
        let device = try await TrustedDevices.recognised(username: username, on: req)
        let keys = LoginGuard.keys(username: username, address: req.clientAddress, device: device)
        if let wait = guardian.begin(keys, now: now) { return .wait(wait) }
        let account = try await Account.query(on: req.db).filter(\.$username == username).first()
        // An unknown username costs a real check too, so response times do not tell which usernames exist.
        let hash = account?.passwordHash ?? req.application.unknownUserPasswordHash
        guard let matches = try await req.application.passwordChecks.verify(password, created: hash, with: req.application.password,
                                                                            lane: device == nil ? .untrusted : .trusted) else {
            guardian.withdraw(keys, at: now)
            return .busy
        }
        guard let account, matches else { return .refused }
        guardian.succeeded(keys, at: now)
        let person = try await Person.query(on: req.db).filter(\.$organizationID == account.organizationID).filter(\.$id == account.personID).first()
        guard person?.active == true else { return .deactivated }
        return .signedIn(account, trusted: device != nil)
    }

    static func loginPage(_ req: Request) async throws -> Response {
        let query = PageQuery(req)
        if req.currentUser != nil { return req.redirect(to: query.next ?? SiteRoute.home.path) }
        let notice: (String, PageChrome.Tone)? = switch query.notice {
        case .loggedOut: (req.localizer("login.logged_out"), .success)
        case .signedOutUnsaved: (req.localizer("login.signed_out_unsaved"), .attention)
        case .passwordSet: (req.localizer("login.password_set"), .success)
        default: nil
        }
        return try await render(req, username: "", error: nil, next: query.next, notice: notice, status: .ok)
    }

    static func login(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let username = (form.username ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let next = PageQuery(next: form.next).next
        guard !username.isEmpty, let password = form.password, !password.isEmpty else {
            return try await render(req, username: username, error: req.localizer("login.failed"), next: next, status: .unauthorized)
        }
        let account: Account
        var rememberDevice = false
        switch try await query(username: username, password: password, on: req) {
        case .signedIn(let found, let trusted):
            account = found
            rememberDevice = !trusted
        case .refused:
            return try await render(req, username: username, error: req.localizer("login.failed"), next: next, status: .unauthorized)
        case .deactivated:
            return try await render(req, username: username, error: req.localizer("login.deactivated"), next: next, status: .forbidden)
        case .busy:
            let response = try await render(req, username: username, error: req.localizer("login.busy"), next: next,
                                  status: .serviceUnavailable)
            response.headers.replaceOrAdd(name: .retryAfter, value: "5")
            return response
        case .wait(let seconds):
            let response = try await render(req, username: username, error: req.localizer.plural("login.throttled", Int(seconds.rounded(.up))),
                                  next: next, status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: "\(Int(seconds.rounded(.up)))")
            return response
        }
        if try await SecondFactorController.requirement(for: account, on: req) != .nothing {
            return try await SecondFactorController.begin(account, next: next, on: req)
        }
        let response = req.redirect(to: next ?? SiteRoute.home.path)
        try await startSession(account, rememberDevice: rememberDevice, on: req, response: response)
        return response
    }

    /// Signs the account in on this browser: a new session cookie (the old one ended), a fresh form token, and the
    /// device remembered when it is new.
    static func startSession(_ account: Account, rememberDevice: Bool, on req: Request, response: Response) async throws {
        if let old = req.cookies[Tokens.sessionCookie]?.string { try await Tokens.revoke(old, on: req) }
        let session = try await Tokens.issue(.session, for: account, on: req)
        req.rotateCSRFToken()
        response.cookies[Tokens.sessionCookie] = CSRFProtection.cookie(
            session.secret, secure: req.application.settings.secureCookies, maxAge: Int(req.application.settings.sessionLifetime))
        if rememberDevice { try await TrustedDevices.remember(account, on: req, response: response) }
    }

    /// The crisis numbers for someone not signed in: each set the organizations here use (see
    /// `CrisisContacts.beforeSignIn`).
    static func crisisBeforeSignIn(_ req: Request) async throws -> [(country: Country, contacts: CrisisContacts)] {
        let organizations = try await Organization.query(on: req.db).limit(50).all().map { organization in
            let country = Country(rawValue: organization.country) ?? .norway
            return (country, CrisisContacts.resolve(country: country, emergency: organization.crisisEmergencyNumber,
                                                    outOfHours: organization.crisisOutOfHoursNumber))
        }
        return CrisisContacts.beforeSignIn(organizations)
    }

    struct LogoutForm: Content {
        var everywhere: String?
    }

    /// Ends this session; "everywhere" also ends the account's other sessions and its API tokens, for a lost
    /// phone or a shared computer left signed in.
    static func logout(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LogoutForm.self)
        if form.everywhere == "true" {
            let user = try req.requireUser()
            try await Tokens.revokeAll(of: user, on: req.db)
            try await TrustedDevices.forgetAll(accountID: user.accountID, organizationID: user.organizationID, on: req.db)
        } else if let secret = req.cookies[Tokens.sessionCookie]?.string {
            try await Tokens.revoke(secret, on: req)
        }
        req.rotateCSRFToken()
        let loggedOut = SiteRoute.login.path(PageQuery(notice: .loggedOut))
        // Signed in with the organization's provider: its session ends too, where it publishes how.
        let provider = req.cookies[SingleSignOn.cookie].flatMap { UUID(uuidString: $0.string) }
            .flatMap { SingleSignOn.provider(for: $0, in: req.application) }
        var endSession: String?
        if let provider {
            // A provider that cannot be reached must not keep anyone signed in here: Ivareta's session is ended regardless.
            endSession = try? await SingleSignOn.endSessionURL(provider, returningTo: loggedOut, on: req)
        }
        let response = req.redirect(to: endSession ?? loggedOut)
        response.cookies[Tokens.sessionCookie] = CSRFProtection.cookie("", secure: req.application.settings.secureCookies, maxAge: 0)
        if provider != nil { response.cookies[SingleSignOn.cookie] = CSRFProtection.cookie("", secure: req.application.settings.secureCookies, maxAge: 0) }
        return response
    }

    private static func render(_ req: Request, username: String, error: String?, next: String?, notice: (String, PageChrome.Tone)? = nil,
                               status: HTTPResponseStatus) async throws -> Response {
        let t = req.localizer
        var model = LoginPageModel(username: username, error: error, next: next, crisis: try await crisisBeforeSignIn(req), t: t, csrf: req.csrfToken)
        model.orPassword = t("login.or_password")
        model.singleSignOn = req.application.settings.singleSignOn.map { ($0.label, SiteRoute.singleSignOn($0.organization).path(PageQuery(next: next))) }
        return Pages.respond(req, title: t("login.heading"), current: .login, flash: notice?.0, flashTone: notice?.1 ?? .success, status: status,
                             main: LoginPageView(model: model).main)
    }
}
