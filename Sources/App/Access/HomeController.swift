import Domain
import Fluent
import Vapor

enum HomeController {
    static func home(_ req: Request) async throws -> Response {
        guard let user = req.currentUser else { return req.redirect(to: SiteRoute.login.path) }
        return req.redirect(to: (AccessPolicy.landsOnTasks(user.actor) ? SiteRoute.tasks : .mySupport).path)
    }
}
