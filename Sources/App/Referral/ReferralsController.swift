import Domain
import Fluent
import Vapor

/// Occupational health's page: the referrals made to it, and what each person chose to share.
enum ReferralsController {
    static func list(_ req: Request) async throws -> Response {
        let query = PageQuery(req)
        return try await render(req, page: Paging.page(query.page), flash: query.notice == .saved ? req.localizer("referrals.contacted_saved") : nil,
                                tone: .success, status: .ok)
    }

    /// Occupational health notes that it got in touch. Noted already: the fresh list, calmly.
    static func markContacted(_ req: Request) async throws -> Response {
        do {
            try await Referrals.markContacted(try req.pageID(RouteParameter.referralID), in: req.context())
        } catch let failure as Referrals.Failure {
            switch failure {
            case .forbidden: throw PageError.forbidden
            case .alreadyContacted:
                return try await render(req, page: 1, flash: req.localizer("referrals.contacted_before"), tone: .attention, status: .conflict)
            default: throw PageError.notFound
            }
        }
        return req.redirect(to: SiteRoute.referrals.path(PageQuery(notice: .saved)))
    }

    private static func render(_ req: Request, page: Int, flash: String?, tone: PageChrome.Tone, status: HTTPResponseStatus) async throws -> Response {
        let received: (referrals: [Referrals.Received], hasMore: Bool)
        do {
            received = try await Referrals.received(page: page, in: req.context())
        } catch Referrals.Failure.forbidden {
            throw PageError.forbidden
        }
        let model = ReferralsPageModel(received.referrals, page: page, hasMore: received.hasMore,
                                       instrument: req.application.instruments.instruments[InstrumentLibrary.shippedKey], t: req.localizer,
                                       csrf: req.csrfToken)
        return Pages.respond(req, title: model.heading, current: .referrals, flash: flash, flashTone: tone, status: status,
                             main: ReferralsPageView(model: model).main)
    }

    struct ServiceForm: Content {
        var kind: String?
        var name: String?
        var contact: String?
        var _submission: String?
    }

    /// A coordinator adds a service people can be referred to, on the scheme page.
    static func addService(_ req: Request) async throws -> Response {
        let form = try? req.content.decode(ServiceForm.self)
        guard let kind = form?.kind.flatMap(ServiceKind.init(rawValue:)) else { throw PageError(status: .badRequest, messageKey: "error.bad_form") }
        do {
            try await Referrals.addService(kind: kind, name: form?.name ?? "", contact: form?.contact ?? "",
                                           claim: Idempotency.formClaim(.formService, key: form?._submission, at: req.url.path), in: req.context())
        } catch let failure as Referrals.Failure {
            switch failure {
            case .forbidden: throw PageError.forbidden
            case .invalid(let problems):
                return try await SchemeController.renderScheme(req, flash: problems.map { req.localizer("scheme.problem.service.\($0.rawValue)") }
                    .joined(separator: " "), tone: .attention, status: .unprocessableEntity)
            default: throw PageError(status: .badRequest, messageKey: "error.bad_form")
            }
        }
        return req.redirect(to: SiteRoute.programScheme.path(PageQuery(notice: .saved), fragment: "services"))
    }
}
