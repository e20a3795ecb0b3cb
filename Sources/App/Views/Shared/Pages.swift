import Domain
@preconcurrency import Plot
import Vapor

/// Wraps a page's main content in the layout and answers with it.
enum Pages {
    static func respond(_ req: Request, title: String, current: SiteRoute?, flash: String? = nil, flashTone: PageChrome.Tone = .success,
                        status: HTTPResponseStatus = .ok, main: [BodyNode]) -> Response {
        let t = req.localizer
        let user = req.currentUser
        var navigation: [PageChrome.NavItem] = []
        if let user {
            navigation.append(.init(label: t("nav.my_support"), route: .mySupport, isCurrent: current == .mySupport))
            navigation.append(.init(label: t("nav.check_ins"), route: .checkIns, isCurrent: current == .checkIns))
            if AccessPolicy.mayRunPeerSupport(user.actor) {
                navigation.append(.init(label: t("nav.program"), route: .program, isCurrent: current == .program))
            }
            if user.roles.contains(.peerSupporter) {
                navigation.append(.init(label: t("nav.support_requests"), route: .supportRequests, isCurrent: current == .supportRequests))
            }
            if AccessPolicy.mayRunReviews(user.actor) {
                navigation.append(.init(label: t("nav.reviews"), route: .reviews, isCurrent: current == .reviews))
            }
            if user.roles.contains(.occupationalHealth) {
                navigation.append(.init(label: t("nav.referrals"), route: .referrals, isCurrent: current == .referrals))
            }
            if AccessPolicy.mayViewTasks(user.actor) {
                navigation.append(.init(label: t("nav.tasks"), route: .tasks, isCurrent: current == .tasks))
            }
            if AccessPolicy.mayRegisterEvents(user.actor) {
                navigation.append(.init(label: t("nav.events"), route: .events, isCurrent: current == .events))
                navigation.append(.init(label: t("nav.new_event"), route: .newEvent, isCurrent: current == .newEvent))
            }
            if AccessPolicy.mayAdministerOrganization(user.actor) {
                // The import pages are reached from the organization's page: the bar stays short on a phone.
                navigation.append(.init(label: t("nav.organization"), route: .organization,
                                        isCurrent: current.map { [.organization, .people, .imports, .importSettings].contains($0) } ?? false))
            }
            if AccessPolicy.mayAdministerJobs(user.actor) {
                navigation.append(.init(label: t("nav.parked_jobs"), route: .parkedJobs, isCurrent: current == .parkedJobs))
            }
        }
        let chrome = PageChrome(
            title: title,
            language: t.language.rawValue,
            csrf: req.csrfToken,
            signedInAs: user?.name,
            navigation: navigation,
            supportShortcut: user != nil && current != .requestSupport ? t("nav.ask_support") : nil,
            inbox: user.map { (t.plural("inbox.bell", $0.unreadMessages), $0.unreadMessages) },
            logOutLabel: t("nav.log_out"),
            logOutEverywhereLabel: t("nav.log_out_everywhere"),
            sessionsLabel: user == nil ? nil : t("nav.sessions"),
            skipLabel: t("nav.skip"),
            productName: t("product.name"),
            flash: flash,
            flashTone: flashTone,
            languageChoices: AppLanguage.allCases.map { ($0.rawValue, t("language.\($0.rawValue)"), $0 == t.language) },
            languageLabel: t("language.label"),
            languageSave: t("language.save"))
        let response = Response(status: status, body: .init(string: PageLayout.render(chrome, main: main)))
        response.headers.contentType = .html
        return response
    }
}

struct ErrorPage {
    let status: HTTPResponseStatus
    let messageKey: String

    func response(for req: Request) -> Response {
        let t = req.localizer
        let model = ErrorPageModel(heading: t("error.heading"), message: t(messageKey), homeLabel: t("error.home"))
        return Pages.respond(req, title: t("error.heading"), current: nil, status: status, main: ErrorPageView(model: model).main)
    }
}
