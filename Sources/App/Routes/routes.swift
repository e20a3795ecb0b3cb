import Fluent
import SQLKit
import Vapor

func routes(_ app: Application) throws {
    app.get(SiteRoute.health.pattern, use: HealthController.check)
    app.get(SiteRoute.metrics.pattern, use: MetricsController.scrape)
    app.get(SiteRoute.stylesheet.pattern) { req in StaticAsset.respond(req, name: "app", ext: "css", type: .css) }
    app.get(SiteRoute.script.pattern) { req in StaticAsset.respond(req, name: "app", ext: "js", type: HTTPMediaType(type: "text", subType: "javascript")) }

    let site = app.grouped(CSRFProtection(secureCookies: app.settings.secureCookies), SessionAuthenticator())
    site.get(SiteRoute.home.pattern, use: HomeController.home)
    site.get(SiteRoute.login.pattern, use: AuthController.loginPage)
    site.post(SiteRoute.login.pattern, use: AuthController.login)
    site.post(SiteRoute.language.pattern, use: LanguageController.choose)

    let signedIn = site.grouped(RequireLoginPage())
    signedIn.post(SiteRoute.logout.pattern, use: AuthController.logout)
    signedIn.get(SiteRoute.mySupport.pattern, use: SupportController.mySupport)
    signedIn.get(SiteRoute.requestSupport.pattern, use: SupportController.requestPage)
    signedIn.post(SiteRoute.requestSupport.pattern, use: SupportController.request)
    signedIn.get(SiteRoute.supportRequests.pattern, use: SupportRequestController.list)
    signedIn.get(SiteRoute.supportRequest(.routePlaceholder).pattern, use: SupportRequestController.show)
    signedIn.post(SiteRoute.chooseSupporter(.routePlaceholder).pattern, use: SupportRequestController.choose)
    signedIn.post(SiteRoute.acceptSupportRequest(.routePlaceholder).pattern, use: SupportRequestController.accept)
    signedIn.post(SiteRoute.passSupportRequest(.routePlaceholder).pattern, use: SupportRequestController.pass)
    signedIn.post(SiteRoute.logContact(.routePlaceholder).pattern, use: SupportRequestController.logContact)
    signedIn.post(SiteRoute.declineSupportRequest(.routePlaceholder).pattern, use: SupportRequestController.decline)
    signedIn.post(SiteRoute.reopenSupportRequest(.routePlaceholder).pattern, use: SupportRequestController.reopen)
    signedIn.post(SiteRoute.proposeHandover(.routePlaceholder).pattern, use: SupportRequestController.proposeHandover)
    signedIn.post(SiteRoute.answerHandover(.routePlaceholder).pattern, use: SupportRequestController.answerHandover)
    signedIn.get(SiteRoute.program.pattern, use: ProgramController.show)
    signedIn.post(SiteRoute.assignSupporter(.routePlaceholder).pattern, use: ProgramController.assign)
    signedIn.get(SiteRoute.tasks.pattern, use: TasksController.show)
    signedIn.get(SiteRoute.newEvent.pattern, use: EventController.newPage)
    signedIn.post(SiteRoute.newEvent.pattern, use: EventController.create)
    signedIn.get(SiteRoute.event(.routePlaceholder).pattern, use: EventController.show)
    signedIn.get(SiteRoute.caseDetail(.routePlaceholder).pattern, use: CaseController.show)
    signedIn.post(SiteRoute.caseStep(.routePlaceholder, .defusing).pattern, use: CaseController.moveStep)
    signedIn.post(SiteRoute.closeCase(.routePlaceholder).pattern, use: CaseController.close)
    signedIn.post(SiteRoute.reopenCase(.routePlaceholder).pattern, use: CaseController.reopen)
    signedIn.post(SiteRoute.supportOnBehalf(.routePlaceholder).pattern, use: SupportRequestController.onBehalf)
    signedIn.get(SiteRoute.inbox.pattern, use: InboxController.show)
    signedIn.post(SiteRoute.markRead(.routePlaceholder).pattern, use: InboxController.markRead)
    signedIn.post(SiteRoute.markAllRead.pattern, use: InboxController.markAllRead)
    signedIn.get(SiteRoute.notificationSettings.pattern, use: NotificationSettings.show)
    signedIn.post(SiteRoute.notificationSettings.pattern, use: NotificationSettings.save)
    signedIn.get(SiteRoute.parkedJobs.pattern, use: ParkedJobsController.show)
    signedIn.post(SiteRoute.retryJob(.routePlaceholder).pattern, use: ParkedJobsController.retry)

    try APIController.register(app)
}
