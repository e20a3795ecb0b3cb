import Domain
import Fluent
import Vapor

/// Two-factor sign-in from the person's own settings: turned on by anyone who wants it (the roles that must have
/// it turned it on at sign-in), and new recovery codes for those who used or lost theirs.
enum TwoFactorSettingsController {
    struct CodeForm: Content {
        var code: String?
    }

    static func show(_ req: Request) async throws -> Response {
        try await render(req, error: nil, status: .ok)
    }

    /// Turns it on with the app's first code, or, when it is on, makes new recovery codes with the app's current one.
    static func save(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let account = try await Account.query(on: req.db).filter(\.$organizationID == user.organizationID).filter(\.$id == user.accountID).first()
        else { throw PageError.notFound }
        let isOn = try await TwoFactorCredentials.find(accountID: user.accountID, organizationID: user.organizationID, box: req.application.secretBox, on: req.db)?.confirmed == true
        let form = try req.content.decode(CodeForm.self)
        switch try await SecondFactorController.checkCode(form.code ?? "", for: account, renewingRecoveryCodes: isOn, on: req) {
        case .wait(let seconds):
            let response = try await render(req, error: req.localizer.plural("login.throttled", seconds), status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: "\(seconds)")
            return response
        case .refused:
            return try await render(req, error: req.localizer("two_factor.wrong_code"), status: .unprocessableEntity)
        case .accepted(let codes):
            let model = RecoveryCodesPageModel(codes: codes, next: SiteRoute.twoFactorSettings.path, t: req.localizer)
            let response = Pages.respond(req, title: model.heading, current: .twoFactorSettings, main: RecoveryCodesPageView(model: model).main)
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return response
        }
    }

    private static func render(_ req: Request, error: String?, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        let t = req.localizer
        let credential = try await TwoFactorCredentials.find(accountID: user.accountID, organizationID: user.organizationID, box: req.application.secretBox, on: req.db)
        let model: CodePageModel
        if let credential, let since = credential.confirmedAt {
            let left = try await TwoFactorCredentials.unusedRecoveryCodes(accountID: user.accountID, organizationID: user.organizationID, on: req.db)
            model = CodePageModel(onSince: since, codesLeft: left, error: error, t: t, csrf: req.csrfToken)
        } else {
            let enrolling = try await TwoFactorCredentials.enrolling(accountID: user.accountID, organizationID: user.organizationID, now: req.now,
                                                                     id: req.newID(), box: req.application.secretBox, on: req.db)
            model = CodePageModel(settingUp: TwoFactorCredentials.enrolment(enrolling, username: user.username), error: error, t: t,
                                               csrf: req.csrfToken)
        }
        let response = Pages.respond(req, title: model.heading, current: .twoFactorSettings, status: status, main: CodePageView(model: model).main)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
