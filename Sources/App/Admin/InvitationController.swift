import Domain
import Vapor

/// The administrator invites someone without an account: a username and the address the one-time link goes to.
enum InvitationController {
    struct InviteForm: Content {
        var username: String?
        var email: String?
    }

    static func show(_ req: Request) async throws -> Response {
        try await render(req, form: InviteForm(), problems: [], status: .ok)
    }

    static func invite(_ req: Request) async throws -> Response {
        let form = try req.content.decode(InviteForm.self)
        guard req.application.mail != nil else { return try await render(req, form: form, problems: [], status: .ok) }
        do {
            try await Invitations.invite(try req.pageID(RouteParameter.personID), username: form.username ?? "", email: form.email ?? "",
                                         unusablePasswordHash: req.application.unknownUserPasswordHash, in: req.context())
        } catch let failure as Invitations.Failure {
            switch failure {
            case .forbidden: throw PageError.forbidden
            case .notFound: throw PageError.notFound
            case .invalid(let problems): return try await render(req, form: form, problems: problems, status: .unprocessableEntity)
            }
        }
        return req.redirect(to: SiteRoute.people.path(PageQuery(notice: .saved)))
    }

    private static func render(_ req: Request, form: InviteForm, problems: [Invitations.Problem], status: HTTPResponseStatus) async throws -> Response {
        let invitee: Invitations.Invitee
        do {
            invitee = try await Invitations.invitee(try req.pageID(RouteParameter.personID), in: req.context())
        } catch Invitations.Failure.forbidden {
            throw PageError.forbidden
        } catch Invitations.Failure.notFound {
            throw PageError.notFound
        }
        let model = InvitePageModel(invitee, username: form.username ?? "", email: form.email ?? "", problems: problems,
                                    mailConfigured: req.application.mail != nil, t: req.localizer, csrf: req.csrfToken)
        return Pages.respond(req, title: model.heading, current: .people, status: status, main: InvitePageView(model: model).main)
    }
}
