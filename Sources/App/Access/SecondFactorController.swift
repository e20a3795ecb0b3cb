import Domain
import Fluent
import Vapor

/// The second step of signing in. After the right password, an account with two-factor sign-in (or one whose
/// role requires it) gets a short-lived token that opens this page alone: the code from the authenticator app,
/// or, the first time, setting the app up. Only a right code starts the session.
enum SecondFactorController {
    struct CodeForm: Content {
        var code: String?
        var next: String?
    }

    /// What signing in takes after the password.
    enum Requirement {
        case nothing
        /// A role that reads other people's data, with no authenticator app yet: set one up first.
        case setUp
        case code
    }

    static func requirement(for account: Account, on req: Request) async throws -> Requirement {
        let accountID = try account.requireID()
        if try await TwoFactorCredentials.find(accountID: accountID, organizationID: account.organizationID, box: req.application.secretBox, on: req.db)?.confirmed == true {
            return .code
        }
        guard req.application.settings.requireTwoFactor else { return .nothing }
        let roles = try await AccountRole.query(on: req.db).filter(\.$accountID == accountID).all().map(\.role)
        return TwoFactor.isRequired(for: Set(roles)) ? .setUp : .nothing
    }

    static func begin(_ account: Account, next: String?, on req: Request) async throws -> Response {
        if let old = req.cookies[Tokens.secondFactorCookie]?.string { try await Tokens.revoke(old, on: req) }
        let pending = try await Tokens.issue(.secondFactor, for: account, on: req)
        let response = req.redirect(to: SiteRoute.signInCode.path(PageQuery(next: next)))
        response.cookies[Tokens.secondFactorCookie] = CSRFProtection.cookie(
            pending.secret, secure: req.application.settings.secureCookies, maxAge: Int(Tokens.secondFactorLifetime))
        return response
    }

    static func show(_ req: Request) async throws -> Response {
        guard let account = try await pendingAccount(req) else { return req.redirect(to: SiteRoute.login.path) }
        return try await render(req, account: account, next: PageQuery(req).next, error: nil, status: .ok)
    }

    static func check(_ req: Request) async throws -> Response {
        guard let account = try await pendingAccount(req) else { return req.redirect(to: SiteRoute.login.path) }
        let form = try req.content.decode(CodeForm.self)
        let next = PageQuery(next: form.next).next
        let recoveryCodes: [String]
        switch try await checkCode(form.code ?? "", for: account, on: req) {
        case .wait(let seconds):
            let response = try await render(req, account: account, next: next, error: req.localizer.plural("login.throttled", seconds), status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: "\(seconds)")
            return response
        case .refused:
            return try await render(req, account: account, next: next, error: req.localizer("two_factor.wrong_code"), status: .unauthorized)
        case .accepted(let codes):
            recoveryCodes = codes
        }
        if let pending = req.cookies[Tokens.secondFactorCookie]?.string { try await Tokens.revoke(pending, on: req) }
        let rememberDevice = try await TrustedDevices.recognised(username: account.username, on: req) == nil
        let response: Response
        if recoveryCodes.isEmpty {
            response = req.redirect(to: next ?? SiteRoute.home.path)
        } else {
            // Shown once, on the answer to the code that turned two-factor sign-in on.
            let model = RecoveryCodesPageModel(codes: recoveryCodes, next: next ?? SiteRoute.home.path, t: req.localizer)
            response = Pages.respond(req, title: model.heading, current: nil, main: RecoveryCodesPageView(model: model).main)
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        try await AuthController.startSession(account, rememberDevice: rememberDevice, on: req, response: response)
        response.cookies[Tokens.secondFactorCookie] = CSRFProtection.cookie("", secure: req.application.settings.secureCookies, maxAge: 0)
        return response
    }

    enum CodeCheck {
        case accepted(recoveryCodes: [String])
        case refused
        /// Too many wrong codes for this account lately: seconds to wait; nothing was checked.
        case wait(Int)
    }

    /// Checks a code for the account, on the page or the API alike. Wrong codes count against the account as
    /// wrong passwords do (see `LoginThrottle`), so six digits cannot be walked through.
    static func checkCode(_ typed: String, for account: Account, renewingRecoveryCodes: Bool = false, on req: Request) async throws -> CodeCheck {
        let keys: [LoginThrottle.Key] = [.account("code:\(account.username)")]
        let guardian = req.application.loginGuard
        if let wait = guardian.begin(keys, now: req.now) { return .wait(Int(wait.rounded(.up))) }
        let outcome = try await TwoFactorCredentials.verify(typed, accountID: try account.requireID(), organizationID: account.organizationID,
                                                            renewingRecoveryCodes: renewingRecoveryCodes, now: req.now,
                                                            ids: req.application.environmentals.uuid, gate: req.application.writeGate, box: req.application.secretBox, on: req.db)
        guard case .accepted(let codes) = outcome else { return .refused }
        guardian.succeeded(keys, at: req.now)
        return .accepted(recoveryCodes: codes)
    }

    /// The account whose password was right a moment ago on this browser, while its pending token lasts.
    private static func pendingAccount(_ req: Request) async throws -> Account? {
        guard let secret = req.cookies[Tokens.secondFactorCookie]?.string, !secret.isEmpty,
              let token = try await AuthToken.query(on: req.db).filter(\.$tokenHash == Tokens.hash(secret))
                .filter(\.$kind == AuthToken.Kind.secondFactor.rawValue).filter(\.$expiresAt > req.now).first() else { return nil }
        return try await Account.query(on: req.db).filter(\.$id == token.accountID).filter(\.$organizationID == token.organizationID).first()
    }

    private static func render(_ req: Request, account: Account, next: String?, error: String?, status: HTTPResponseStatus) async throws -> Response {
        let accountID = try account.requireID()
        let t = req.localizer
        let existing = try await TwoFactorCredentials.find(accountID: accountID, organizationID: account.organizationID, box: req.application.secretBox, on: req.db)
        let model: CodePageModel
        if let existing, existing.confirmed {
            model = CodePageModel(signingInWith: nil, next: next, error: error, t: t, csrf: req.csrfToken)
        } else {
            let credential = try await TwoFactorCredentials.enrolling(accountID: accountID, organizationID: account.organizationID, now: req.now,
                                                                      id: req.newID(), box: req.application.secretBox, on: req.db)
            model = CodePageModel(signingInWith: TwoFactorCredentials.enrolment(credential, username: account.username), next: next, error: error,
                                        t: t, csrf: req.csrfToken)
        }
        let response = Pages.respond(req, title: model.heading, current: nil, status: status, main: CodePageView(model: model).main)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
