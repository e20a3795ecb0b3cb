import Domain
import Vapor

/// "Forgotten your password?" from the login page. With no e-mail set up here, it says whom to ask instead.
enum PasswordResetController {
    struct ResetForm: Content {
        var username: String?
    }

    static func show(_ req: Request) async throws -> Response {
        render(req, sent: false, status: .ok)
    }

    static func send(_ req: Request) async throws -> Response {
        guard req.application.mail != nil else { return render(req, sent: false, status: .ok) }
        let username = (try req.content.decode(ResetForm.self).username ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard !username.isEmpty, username.count <= 200 else { return render(req, sent: false, status: .unprocessableEntity) }
        // Asking again and again, for one name or from one address, is slowed down like wrong passwords: nobody is
        // sent a flood of e-mails.
        let keys: [LoginThrottle.Key] = [.account("reset:\(username)"), .address("reset:\(req.clientAddress)")]
        if let wait = req.application.loginGuard.begin(keys, now: req.now) {
            let response = render(req, sent: false, status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: "\(Int(wait.rounded(.up)))")
            return response
        }
        try await PasswordResets.request(username: username, now: req.now, ids: req.application.environmentals.uuid, gate: req.application.writeGate,
                                         on: req.db)
        return render(req, sent: true, status: .ok)
    }

    private static func render(_ req: Request, sent: Bool, status: HTTPResponseStatus) -> Response {
        let model = PasswordResetPageModel(mailConfigured: req.application.mail != nil, sent: sent, t: req.localizer, csrf: req.csrfToken)
        return Pages.respond(req, title: model.heading, current: nil, status: status, main: PasswordResetPageView(model: model).main)
    }
}
