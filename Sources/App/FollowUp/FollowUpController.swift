import Domain
import Fluent
import Vapor

/// The responsible leader's record forms on the case page. A problem is said on the case page, with nothing
/// saved; a record that worked returns to the case with its step moved.
enum FollowUpController {
    struct Form: Content {
        var date: String?
        var channel: String?
        var topics: [String]?
        var nextAt: String?
        var kind: String?
        var startsOn: String?
        var reviewOn: String?
        var _submission: String?
    }

    static func contact(_ req: Request) async throws -> Response {
        try await recording(req) { form, caseID, context in
            guard let date = local(form.date, context.user.timeZone), let channel = form.channel.flatMap(ContactChannel.init(rawValue:)) else {
                throw Unreadable()
            }
            _ = try await FollowUps.logContact(caseID: caseID, on: date, channel: channel, claim: claim(.formLeaderContact, form, caseID), answer: seeCase,
                                               in: context)
        }
    }

    static func meeting(_ req: Request) async throws -> Response {
        try await recording(req) { form, caseID, context in
            guard let date = local(form.date, context.user.timeZone) else { throw Unreadable() }
            let next = try optionalLocal(form.nextAt, context.user.timeZone)
            let topics = Set((form.topics ?? []).compactMap(MeetingTopic.init(rawValue:)))
            _ = try await FollowUps.recordMeeting(caseID: caseID, on: date, topics: topics, next: next, claim: claim(.formFollowUpMeeting, form, caseID),
                                                  answer: seeCase, in: context)
        }
    }

    static func adjustment(_ req: Request) async throws -> Response {
        try await recording(req) { form, caseID, context in
            guard let kind = form.kind.flatMap(AdjustmentKind.init(rawValue:)),
                  let start = local(form.startsOn.map { $0 + "T08:00" }, context.user.timeZone),
                  let review = local(form.reviewOn.map { $0 + "T08:00" }, context.user.timeZone)
            else { throw Unreadable() }
            _ = try await FollowUps.recordAdjustment(caseID: caseID, kind: kind, startsOn: start, reviewOn: review,
                                                     claim: claim(.formAdjustment, form, caseID), answer: seeCase, in: context)
        }
    }

    static func reportingHelp(_ req: Request) async throws -> Response {
        let caseID = try req.pageID(RouteParameter.caseID)
        do {
            try await FollowUps.askReportingHelp(caseID: caseID, in: req.context())
        } catch let failure as FollowUps.Failure {
            switch failure {
            case .notFound, .invalid: throw PageError.notFound
            case .forbidden: throw PageError.forbidden
            case .caseClosed:
                return try await CaseController.render(req, caseID: caseID, flash: req.localizer("follow_up.problem.closed"), tone: .attention, status: .conflict)
            case .notOpen:
                return try await CaseController.render(req, caseID: caseID, flash: req.localizer("reporting.not_open"), tone: .attention, status: .conflict)
            }
        }
        return req.redirect(to: SiteRoute.caseDetail(caseID).path(PageQuery(notice: .reportingHelp)))
    }

    private struct Unreadable: Error {}

    /// The form's one-time key, scoped to the pathway it was sent for.
    private static func claim(_ scope: Idempotency.Scope, _ form: Form, _ caseID: UUID) -> Idempotency.Claim? {
        Idempotency.formClaim(scope, key: form._submission, at: SiteRoute.caseDetail(caseID).path)
    }

    private static let seeCase: FollowUps.Answer = { _ in Idempotency.Answer(status: 303, location: nil, body: nil) }

    private static func recording(_ req: Request, _ record: (Form, UUID, ServiceContext) async throws -> Void) async throws -> Response {
        let caseID = try req.pageID(RouteParameter.caseID)
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let t = req.localizer
        do {
            try await record(form, caseID, try req.context())
        } catch is Unreadable {
            return try await CaseController.render(req, caseID: caseID, flash: t("follow_up.problem.unreadable"), tone: .attention, status: .unprocessableEntity)
        } catch let failure as FollowUps.Failure {
            switch failure {
            case .notFound: throw PageError.notFound
            case .forbidden: throw PageError.forbidden
            case .caseClosed:
                return try await CaseController.render(req, caseID: caseID, flash: t("follow_up.problem.closed"), tone: .attention, status: .conflict)
            case .invalid(let problem):
                return try await CaseController.render(req, caseID: caseID, flash: t("follow_up.problem.\(problem.rawValue)"), tone: .attention,
                                                       status: .unprocessableEntity)
            case .notOpen:
                return try await CaseController.render(req, caseID: caseID, flash: t("reporting.not_open"), tone: .attention, status: .conflict)
            }
        }
        return req.redirect(to: SiteRoute.caseDetail(caseID).path(PageQuery(notice: .saved)))
    }

    private static func local(_ text: String?, _ timeZone: TimeZone) -> Date? {
        text.flatMap { LocalDateTime.parse($0, timeZone: timeZone) }
    }

    private static func optionalLocal(_ text: String?, _ timeZone: TimeZone) throws -> Date? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let date = LocalDateTime.parse(text, timeZone: timeZone) else { throw Unreadable() }
        return date
    }
}
