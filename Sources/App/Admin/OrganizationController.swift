import Domain
import Vapor

/// The administrator's pages: the units as a tree, and the people with a search. Read-only for now.
enum OrganizationController {
    static func units(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayAdministerOrganization(user.actor) else { throw PageError.forbidden }
        let units = try await OrganizationDirectory.units(organizationID: user.organizationID, on: req.db)
        try await AuditLog.record(req, .read, "units", id: nil, subject: nil)
        let model = OrganizationPageModel(units, t: req.localizer)
        return Pages.respond(req, title: model.heading, current: .organization, main: OrganizationPageView(model: model).main)
    }

    static func people(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayAdministerOrganization(user.actor) else { throw PageError.forbidden }
        let query = PageQuery(req)
        let page = Paging.page(query.page)
        let found = try await OrganizationDirectory.people(organizationID: user.organizationID, search: query.search, page: page, on: req.db)
        try await AuditLog.record(req, .read, "people", id: nil, subject: nil)
        let model = PeoplePageModel(found.people, search: query.search, page: page, hasMore: found.hasMore, t: req.localizer, csrf: req.csrfToken)
        return Pages.respond(req, title: model.heading, current: .people, flash: query.notice == .saved ? req.localizer("invite.sent") : query.notice == .removed ? req.localizer("people.two_factor_reset") : nil,
                             main: PeoplePageView(model: model).main)
    }
}

extension OrganizationController {
    static func resetTwoFactor(_ req: Request) async throws -> Response {
        do {
            try await TwoFactorResets.reset(try req.pageID(RouteParameter.personID), in: req.context())
        } catch let failure as TwoFactorResets.Failure {
            switch failure {
            case .forbidden: throw PageError.forbidden
            case .notFound: throw PageError.notFound
            }
        }
        return req.redirect(to: SiteRoute.people.path(PageQuery(notice: .removed)))
    }
}
