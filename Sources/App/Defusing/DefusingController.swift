import Domain
import Fluent
import Vapor

/// The leader's page for holding and recording the defusing conversation of an event.
enum DefusingController {
    static func show(_ req: Request) async throws -> Response {
        try await render(req, form: nil, errors: [], status: .ok)
    }

    static func record(_ req: Request) async throws -> Response {
        let eventID = try req.pageID(RouteParameter.eventID)
        let form = (try? req.content.decode(DefusingForm.self)) ?? DefusingForm()
        let context = try req.context()
        let t = req.localizer
        let event: DefusingConversations.EventPeople
        do {
            event = try await DefusingConversations.people(eventID: eventID, in: context)
        } catch let failure as DefusingConversations.Failure {
            throw failure.pageError
        }
        let (input, unreadable) = form.input(eventDay: event.occurredAt, timeZone: context.user.timeZone)
        guard let input else {
            let field = unreadable ?? "heldAt"
            let message = field.hasPrefix("factAt") ? t("defusing.problem.fact_time") : field == "durationMinutes" ? t("defusing.problem.duration")
                : t("defusing.problem.held_at")
            return try await render(req, form: form, errors: [(field, message)], status: .unprocessableEntity)
        }
        let unanswered = form.unanswered()
        guard unanswered.isEmpty else {
            let names = Dictionary(event.involved.map { ($0.personID, $0.name) }, uniquingKeysWith: { first, _ in first })
            let errors = unanswered.map { missing in
                ("\(missing.question.rawValue)-\(missing.personID.uuidString)",
                 t("defusing.problem.unanswered", ["name": names[missing.personID] ?? "", "question": t(missing.question.labelKey)]))
            }
            return try await render(req, form: form, errors: errors, status: .unprocessableEntity)
        }
        do {
            _ = try await DefusingConversations.record(eventID: eventID, input, claim: Idempotency.formClaim(.formDefusing, key: form._submission, at: req.url.path),
                                                                 answer: { _ in Idempotency.Answer(status: 303, location: SiteRoute.event(eventID).path, body: nil) },
                                                                 known: event, in: context)
            return req.redirect(to: SiteRoute.event(eventID).path(PageQuery(notice: .defusingRecorded)))
        } catch DefusingConversations.Failure.caseClosed {
            return try await render(req, form: form, errors: [("participants", t("follow_up.problem.closed"))], status: .conflict)
        } catch let failure as DefusingConversations.Failure {
            guard case .invalid(let problem) = failure else { throw failure.pageError }
            let field = switch problem.kind {
            case .duration: "durationMinutes"
            case .heldInFuture, .heldBeforeEvent: "heldAt"
            case .factMissing, .factTooLong, .tooManyFacts: "timeline"
            default: "participants"
            }
            return try await render(req, form: form, errors: [(field, t("defusing.problem.\(problem.kind.rawValue)"))],
                                    status: problem.kind == .alreadyTookPart ? .conflict : .unprocessableEntity)
        }
    }

    private static func render(_ req: Request, form: DefusingForm?, errors: [(field: String, message: String)], status: HTTPResponseStatus) async throws -> Response {
        let context = try req.context()
        let event: DefusingConversations.EventPeople
        do {
            event = try await DefusingConversations.people(eventID: try req.pageID(RouteParameter.eventID), in: context)
        } catch let failure as DefusingConversations.Failure {
            throw failure.pageError
        }
        let recorded = try await DefusingConversations.read(event, in: context)
        let model = DefusingPageModel(event, recorded: recorded, form: form, errors: errors, now: context.now, timeZone: context.user.timeZone, t: req.localizer,
                                      csrf: req.csrfToken, submissionKey: form?._submission ?? Tokens.random())
        return Pages.respond(req, title: model.heading, current: nil, status: status, main: DefusingPageView(model: model).main)
    }
}

extension DefusingConversations.Failure {
    var pageError: PageError {
        switch self {
        case .notFound, .invalid, .caseClosed: .notFound
        case .forbidden: .forbidden
        }
    }
}
