import Domain
import Fluent
import Vapor

/// Occupational health's page: the referrals made to it, and what each person chose to share.
enum ReferralsController {
    static func list(_ req: Request) async throws -> Response {
        let page = Paging.page(PageQuery(req).page)
        let received: (referrals: [Referrals.Received], hasMore: Bool)
        do {
            received = try await Referrals.received(page: page, in: req.context())
        } catch Referrals.Failure.forbidden {
            throw PageError.forbidden
        }
        let model = ReferralsPageModel(received.referrals, page: page, hasMore: received.hasMore,
                                       instrument: req.application.instruments.instruments[InstrumentLibrary.shippedKey], t: req.localizer)
        return Pages.respond(req, title: model.heading, current: .referrals, main: ReferralsPageView(model: model).main)
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
