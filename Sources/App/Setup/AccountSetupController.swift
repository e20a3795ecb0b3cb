import Domain
import Vapor

/// The page behind a one-time link: the holder of a new account chooses their password. Nobody signed in is
/// needed, and an unknown, used or expired link is answered the same way.
enum AccountSetupController {
    struct SetupForm: Content {
        var password: String?
        var confirmation: String?
    }

    static func show(_ req: Request) async throws -> Response {
        try await render(req, problems: [], status: .ok)
    }

    static func save(_ req: Request) async throws -> Response {
        let form = try req.content.decode(SetupForm.self)
        let token = req.parameters.get(RouteParameter.setupToken) ?? ""
        let hasher = req.password.async
        do {
            try await AccountSetups.complete(token: token, password: form.password ?? "", confirmation: form.confirmation ?? "",
                                             hash: { try await hasher.hash($0) }, now: req.now, ids: req.application.environmentals.uuid,
                                             gate: req.application.writeGate, on: req.db)
        } catch let failure as AccountSetups.Failure {
            switch failure {
            case .unusable: return try await render(req, problems: [], status: .gone)
            case .password(let problems): return try await render(req, problems: problems, status: .unprocessableEntity)
            }
        }
        return req.redirect(to: SiteRoute.login.path(PageQuery(notice: .passwordSet)))
    }

    private static func render(_ req: Request, problems: [PasswordPolicy.Problem], status: HTTPResponseStatus) async throws -> Response {
        let token = req.parameters.get(RouteParameter.setupToken) ?? ""
        let pending = try await AccountSetups.find(token: token, now: req.now, on: req.db)
        let t = req.localizer
        guard let pending, pending.state == .usable else {
            let model = AccountSetupPageModel.unusable(t: t)
            return Pages.respond(req, title: model.heading, current: nil, status: .gone, main: AccountSetupPageView(model: model).main)
        }
        let model = AccountSetupPageModel(pending, token: token, problems: problems, t: t, csrf: req.csrfToken)
        return Pages.respond(req, title: model.heading, current: nil, status: status, main: AccountSetupPageView(model: model).main)
    }
}
