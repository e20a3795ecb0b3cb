import Domain
import Fluent
import Vapor

/// The page that puts an event right. A refused correction shows the form as the leader left it, saying
/// what is missing; a lost race shows the event as it is now.
enum EventCorrectionController {
    struct Form: Content {
        var occurredAt: String?
        var confirmOldDate: String?
        var involvedPersonIds: [String]?
        /// What happens to the pathway of each person taken off: `removal[<person id>]=close|keep`.
        var removal: [String: String]?
        var version: String?
        /// Finding someone to add shows the form again, as typed, and saves nothing.
        var q: String?
        var find: String?
        var _submission: String?
    }

    static func show(_ req: Request) async throws -> Response {
        let eventID = try req.pageID(RouteParameter.eventID)
        let current = try await load(req, eventID: eventID)
        return try await render(req, current, form: nil, problems: [], askFor: [], flash: nil, status: .ok)
    }

    static func correct(_ req: Request) async throws -> Response {
        let eventID = try req.pageID(RouteParameter.eventID)
        let user = try req.requireUser()
        guard let form = try? req.content.decode(Form.self) else { throw PageError(status: .badRequest, messageKey: "error.bad_form") }
        if form.find != nil {
            return try await render(req, try await load(req, eventID: eventID), form: form, problems: [], askFor: [], flash: nil, status: .ok)
        }
        let time = form.occurredAt.flatMap { $0.isEmpty ? nil : $0 }
        var removals: [UUID: RemovalChoice] = [:]
        for (person, choice) in form.removal ?? [:] {
            if let id = UUID(uuidString: person), let choice = RemovalChoice(rawValue: choice) { removals[id] = choice }
        }
        let input = EventCorrections.Input(
            occurredAt: time.flatMap { LocalDateTime.parse($0, timeZone: user.timeZone) },
            timeUnreadable: time != nil && time.flatMap { LocalDateTime.parse($0, timeZone: user.timeZone) } == nil,
            oldDateConfirmed: form.confirmOldDate == "true",
            involved: (form.involvedPersonIds ?? []).compactMap(UUID.init(uuidString:)),
            removals: removals,
            seenVersion: form.version.flatMap { Int($0) } ?? -1)
        do {
            let outcome = try await EventCorrections.correct(eventID: eventID, input, claim: Idempotency.formClaim(.formEventCorrection, key: form._submission, at: req.url.path),
                                                             in: req.context()) { _ in
                Idempotency.Answer(status: 303, location: SiteRoute.event(eventID).path(PageQuery(notice: .corrected)), body: nil)
            }
            if case .created(let corrected, _) = outcome, corrected.isNothing {
                return req.redirect(to: SiteRoute.event(eventID).path(PageQuery(notice: .unchanged)))
            }
            return req.redirect(to: SiteRoute.event(eventID).path(PageQuery(notice: .corrected)))
        } catch let failure as EventCorrections.Failure {
            switch failure {
            case .notFound: throw PageError.notFound
            case .forbidden: throw PageError.forbidden
            case .problems(let problems):
                return try await render(req, try await load(req, eventID: eventID), form: form, problems: problems, askFor: [], flash: nil,
                                        status: .unprocessableEntity)
            case .chooseFor(let people):
                return try await render(req, try await load(req, eventID: eventID), form: form, problems: [], askFor: people,
                                        flash: req.localizer("correct.choose_first"), status: .unprocessableEntity)
            case .changed:
                return try await render(req, try await load(req, eventID: eventID), form: nil, problems: [], askFor: [],
                                        flash: req.localizer("correct.changed_meanwhile"), status: .conflict)
            }
        }
    }

    private static func load(_ req: Request, eventID: UUID) async throws -> EventCorrections.Current {
        do {
            return try await EventCorrections.load(eventID: eventID, in: req.context())
        } catch EventCorrections.Failure.forbidden {
            throw PageError.forbidden
        } catch EventCorrections.Failure.notFound {
            throw PageError.notFound
        }
    }

    private static func render(_ req: Request, _ current: EventCorrections.Current, form: Form?, problems: [EventRegistration.Problem],
                               askFor: Set<UUID>, flash: String?, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        let choices = try await EventController.query(for: user, on: req.db)
        try await AuditLog.record(req, reads: current.involved.map { ("case", $0.caseID, $0.personID) } + [("event", current.event.id, nil)])
        let model = CorrectEventPageModel(current, form: form, problems: problems, askFor: askFor, choices: choices, timeZone: user.timeZone,
                                          t: req.localizer, csrf: req.csrfToken, freshKey: Tokens.random())
        return Pages.respond(req, title: model.heading, current: nil, flash: flash, flashTone: .attention, status: status,
                             main: CorrectEventPageView(model: model).main)
    }
}
