import Domain
import Vapor

/// The administrator's page for one person: roles and leader scope, and deactivating or reactivating them.
enum PersonAdminController {
    static func show(_ req: Request) async throws -> Response {
        try await render(req, notice: nil, status: .ok)
    }

    struct AccessForm: Content {
        var version: String?
        var roles: [String]?
        var scopes: [String]?
    }

    static func saveAccess(_ req: Request) async throws -> Response {
        let form = try req.content.decode(AccessForm.self)
        let personID = try req.pageID(RouteParameter.personID)
        // What no form of ours sends is refused, not dropped with a "Saved".
        let roles = (form.roles ?? []).compactMap(Role.init(rawValue:)).filter { AccessPolicy.grantableRoles.contains($0) }
        let scopes = (form.scopes ?? []).compactMap(UUID.init(uuidString:))
        guard roles.count == (form.roles ?? []).count, scopes.count == (form.scopes ?? []).count else { throw PageError.badRequest }
        return try await perform(req) {
            try await AccountAdministration.saveAccess(personID, roles: Set(roles), scopes: Set(scopes), expecting: form.version ?? "", in: try req.context())
        }
    }

    struct ActiveForm: Content {
        var version: String?
        var active: String?
    }

    static func setActive(_ req: Request) async throws -> Response {
        let form = try req.content.decode(ActiveForm.self)
        let personID = try req.pageID(RouteParameter.personID)
        guard let active = form.active.flatMap(Bool.init) else { throw PageError.badRequest }
        return try await perform(req) {
            try await AccountAdministration.setActive(personID, active, expecting: form.version ?? "", in: try req.context())
        }
    }

    private static func perform(_ req: Request, _ change: () async throws -> Void) async throws -> Response {
        let personID = try req.pageID(RouteParameter.personID)
        do {
            try await change()
        } catch let failure as AccountAdministration.Failure {
            switch failure {
            case .forbidden: throw PageError.forbidden
            case .notFound: throw PageError.notFound
            case .ownAccess: return try await render(req, notice: req.localizer("person_admin.own"), status: .forbidden)
            case .noAccount: return try await render(req, notice: req.localizer("person_admin.no_account"), status: .conflict)
            case .changedMeanwhile: return try await render(req, notice: req.localizer("person_admin.changed"), status: .conflict)
            }
        }
        return req.redirect(to: SiteRoute.managePerson(personID).path(PageQuery(notice: .saved)))
    }

    private static func render(_ req: Request, notice: String?, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        let personID = try req.pageID(RouteParameter.personID)
        let person: AccountAdministration.Managed
        do {
            person = try await AccountAdministration.load(personID, in: try req.context())
        } catch AccountAdministration.Failure.forbidden {
            throw PageError.forbidden
        } catch AccountAdministration.Failure.notFound {
            throw PageError.notFound
        }
        let units = try await AccountAdministration.units(organizationID: user.organizationID, on: req.db)
        let model = PersonAdminPageModel(person, units: units, isSelf: personID == user.personID, notice: notice, t: req.localizer, csrf: req.csrfToken)
        return Pages.respond(req, title: model.heading, current: .people,
                             flash: status == .ok && PageQuery(req).notice == .saved ? req.localizer("person_admin.saved") : nil,
                             status: status, main: PersonAdminPageView(model: model).main)
    }
}
