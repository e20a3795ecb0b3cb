import Domain
import Fluent
import Vapor

enum HomeController {
    static func home(_ req: Request) async throws -> Response {
        guard let user = req.currentUser else { return req.redirect(to: SiteRoute.login.path) }
        let landing: SiteRoute = switch AccessPolicy.landing(user.actor) {
        case .tasks: .tasks
        case .program: .program
        case .supportRequests: .supportRequests
        case .reviews: .reviews
        case .referrals: .referrals
        case .organization: .organization
        case .mySupport: .mySupport
        }
        return req.redirect(to: landing.path)
    }
}
