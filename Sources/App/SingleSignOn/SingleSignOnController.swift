import Domain
import Vapor

/// The two ends of signing in with the organization's identity provider: leaving for it, and coming back.
enum SingleSignOnController {
    static func start(_ req: Request) async throws -> Response {
        guard let organization = req.parameters.get(RouteParameter.organizationID).flatMap(UUID.init(uuidString:)),
              let provider = SingleSignOn.provider(for: organization, in: req.application) else { throw PageError.notFound }
        do {
            return req.redirect(to: try await SingleSignOn.begin(provider, next: PageQuery(req).next, on: req))
        } catch {
            req.logger.notice("Single sign-on could not start: \(String(describing: type(of: error)))")
            return try await refuse(req, .provider)
        }
    }

    static func callback(_ req: Request) async throws -> Response {
        guard let state = req.query[String.self, at: "state"], !state.isEmpty else { return try await refuse(req, .state) }
        guard let code = req.query[String.self, at: "code"], !code.isEmpty else {
            // The provider said no (the person cancelled, or may not use Ivareta): the waiting sign-in is let go.
            _ = try? await SingleSignOn.finish(code: "", state: state, on: req)
            return try await refuse(req, .refusedByProvider)
        }
        let signedIn: SingleSignOn.SignedIn
        do {
            signedIn = try await SingleSignOn.finish(code: code, state: state, on: req)
        } catch let failure as SingleSignOn.Failure {
            req.logger.notice("Single sign-on refused: \(failure.logged)")
            return try await refuse(req, failure)
        } catch {
            req.logger.notice("Single sign-on failed: the provider's answer could not be read")
            return try await refuse(req, .provider)
        }
        let response = req.redirect(to: PageQuery(next: signedIn.next).next ?? SiteRoute.home.path)
        try await AuthController.startSession(signedIn.account, rememberDevice: false, on: req, response: response)
        response.cookies[SingleSignOn.cookie] = CSRFProtection.cookie(signedIn.account.organizationID.uuidString, secure: req.application.settings.secureCookies,
                                                                      maxAge: Int(req.application.settings.sessionLifetime))
        return response
    }

    /// A clear page for each reason; the reasons a forger could learn from are one sentence.
    private static func refuse(_ req: Request, _ failure: SingleSignOn.Failure) async throws -> Response {
        let t = req.localizer
        let (key, status): (String, HTTPResponseStatus) = switch failure {
        case .unknownPerson: ("sso.unknown_person", .forbidden)
        case .deactivated: ("sso.deactivated", .forbidden)
        case .refusedByProvider: ("sso.refused", .forbidden)
        case .state: ("sso.expired", .badRequest)
        case .provider, .notConfigured: ("sso.unavailable", .badGateway)
        case .signature, .token: ("sso.not_trusted", .forbidden)
        }
        let main = [
            Markup.el("h1", text: t("sso.heading")),
            Markup.el("p", [("class", "lead")], text: t(key)),
            Markup.el("p", [], [Markup.link(t("sso.back"), to: .login)]),
        ]
        return Pages.respond(req, title: t("sso.heading"), current: nil, status: status, main: main)
    }
}

extension SingleSignOn.Failure {
    /// For the log: which check failed, never a token, a code or a claim.
    var logged: String {
        switch self {
        case .token(let problems): "the ID token's " + problems.map(\.rawValue).joined(separator: ", ")
        default: "\(self)"
        }
    }
}
