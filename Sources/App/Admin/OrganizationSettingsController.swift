import Domain
import Vapor

/// The administrator's page for the organization's own settings.
enum OrganizationSettingsController {
    struct Form: Content {
        var name: String?
        var country: String?
        var timeZone: String?
        var language: String?
        var version: String?
    }

    static func show(_ req: Request) async throws -> Response {
        let values = try await load(req)
        return respond(req, OrganizationSettingsPageModel(values, version: values.version, problems: [], notice: nil, t: req.localizer, csrf: req.csrfToken),
                       flash: PageQuery(req).notice == .saved ? req.localizer("person_admin.saved") : nil, status: .ok)
    }

    static func save(_ req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let typed = OrganizationSettings.Values(name: form.name ?? "", country: form.country ?? "", timeZone: form.timeZone ?? "", language: form.language ?? "")
        do {
            try await OrganizationSettings.save(typed, expecting: form.version ?? "", in: try req.context())
        } catch let failure as OrganizationSettings.Failure {
            switch failure {
            case .forbidden: throw PageError.forbidden
            case .invalid(let problems):
                return respond(req, OrganizationSettingsPageModel(typed, version: form.version ?? "", problems: problems, notice: nil, t: req.localizer,
                                                                  csrf: req.csrfToken), flash: nil, status: .unprocessableEntity)
            case .changedMeanwhile:
                let fresh = try await load(req)
                return respond(req, OrganizationSettingsPageModel(fresh, version: fresh.version, problems: [], notice: req.localizer("person_admin.changed"),
                                                                  t: req.localizer, csrf: req.csrfToken), flash: nil, status: .conflict)
            }
        }
        return req.redirect(to: SiteRoute.organizationSettings.path(PageQuery(notice: .saved)))
    }

    private static func load(_ req: Request) async throws -> OrganizationSettings.Values {
        do {
            return try await OrganizationSettings.load(in: try req.context())
        } catch OrganizationSettings.Failure.forbidden {
            throw PageError.forbidden
        }
    }

    private static func respond(_ req: Request, _ model: OrganizationSettingsPageModel, flash: String?, status: HTTPResponseStatus) -> Response {
        Pages.respond(req, title: model.heading, current: .organization, flash: flash, status: status, main: OrganizationSettingsPageView(model: model).main)
    }
}
