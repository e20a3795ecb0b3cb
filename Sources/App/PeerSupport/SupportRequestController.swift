import Domain
import Fluent
import Vapor

/// The pages of a request for peer support: the list, one request, choosing a supporter, taking one on.
enum SupportRequestController {
    struct ChooseForm: Content {
        var supporterId: UUID?
        var anyone: String?
        var version: Int?
    }

    struct AcceptForm: Content {
        var version: Int?
    }

    /// As typed: a refused form is shown again with it, so nothing is typed twice.
    struct ContactForm: Content {
        var date: String?
        var channel: String?
        var durationMinutes: String?
        var nextContactAt: String?
        var _submission: String?
    }

    static func list(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let requests = try await SupportOffers.mine(personID: user.personID, organizationID: user.organizationID, on: req.db)
        try await req.context().audit(reads: requests.map { ("support_request", $0.id, $0.personID) })
        let model = SupportRequestsPageModel(requests, viewer: user.personID, isSupporter: user.roles.contains(.peerSupporter), t: req.localizer)
        let flash = PageQuery(req).notice == .passedOn ? req.localizer("support_request.passed_on") : nil
        return Pages.respond(req, title: model.heading, current: .supportRequests, flash: flash,
                             main: SupportRequestsPageView(model: model).main)
    }

    static func show(_ req: Request) async throws -> Response {
        let flash = PageQuery(req).notice.map { notice -> String in
            switch notice {
            case .requestSent: req.localizer("request.sent")
            case .contactLogged: req.localizer("contact.logged")
            default: req.localizer("support_request.saved")
            }
        }
        return try await render(req, id: try req.pageID(RouteParameter.requestID), flash: flash, tone: .success, status: .ok)
    }

    static func choose(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.requestID)
        let form = try req.content.decode(ChooseForm.self)
        guard (form.supporterId != nil) != (form.anyone == "true") else { throw PageError(status: .badRequest, messageKey: "error.bad_form") }
        do {
            _ = try await SupportOffers.choose(id, supporterID: form.supporterId, version: form.version, in: req.context())
        } catch let failure as SupportOffers.Failure {
            return try await answer(req, id: id, failure)
        }
        return req.redirect(to: SiteRoute.supportRequest(id).path(PageQuery(notice: .saved)))
    }

    static func accept(_ req: Request) async throws -> Response {
        try await answering(req) { id, version, context in try await SupportOffers.accept(id, version: version, in: context) }
    }

    static func pass(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.requestID)
        let form = try? req.content.decode(AcceptForm.self)
        do {
            try await SupportOffers.pass(id, version: form?.version, in: req.context())
        } catch let failure as SupportOffers.Failure {
            return try await answer(req, id: id, failure)
        }
        // It is no longer theirs to see: back to their list, with a word that it moved on.
        return req.redirect(to: SiteRoute.supportRequests.path(PageQuery(notice: .passedOn)))
    }

    static func decline(_ req: Request) async throws -> Response {
        try await answering(req) { id, version, context in try await SupportOffers.decline(id, version: version, in: context) }
    }

    static func reopen(_ req: Request) async throws -> Response {
        try await answering(req) { id, version, context in try await SupportOffers.reopen(id, version: version, in: context) }
    }

    /// A one-tap answer (the person's or the supporter's) to the request on the page, then the page again.
    private static func answering(_ req: Request,
                                      _ change: (UUID, Int?, ServiceContext) async throws -> SupportOffers.Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.requestID)
        let form = try? req.content.decode(AcceptForm.self)
        do {
            _ = try await change(id, form?.version, try req.context())
        } catch let failure as SupportOffers.Failure {
            return try await answer(req, id: id, failure)
        }
        return req.redirect(to: SiteRoute.supportRequest(id).path(PageQuery(notice: .saved)))
    }

    struct HandoverForm: Content {
        var supporterId: UUID?
        var agrees: Bool?
        var version: Int?
    }

    static func proposeHandover(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.requestID)
        guard let form = try? req.content.decode(HandoverForm.self), let colleague = form.supporterId else {
            throw PageError(status: .badRequest, messageKey: "error.bad_form")
        }
        do {
            _ = try await SupportOffers.proposeHandover(id, to: colleague, version: form.version, in: req.context())
        } catch let failure as SupportOffers.Failure {
            return try await answer(req, id: id, failure)
        }
        return req.redirect(to: SiteRoute.supportRequest(id).path(PageQuery(notice: .saved)))
    }

    static func answerHandover(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.requestID)
        guard let form = try? req.content.decode(HandoverForm.self), let agrees = form.agrees else {
            throw PageError(status: .badRequest, messageKey: "error.bad_form")
        }
        do {
            _ = try await SupportOffers.answerHandover(id, agrees: agrees, version: form.version, in: req.context())
        } catch let failure as SupportOffers.Failure {
            return try await answer(req, id: id, failure)
        }
        return req.redirect(to: SiteRoute.supportRequest(id).path(PageQuery(notice: .saved)))
    }

    struct OnBehalfForm: Content {
        var personAgreed: Bool?
    }

    /// A leader asks for a peer supporter for the person, who agreed; back to the pathway with what happened.
    static func onBehalf(_ req: Request) async throws -> Response {
        let caseID = try req.pageID(RouteParameter.caseID)
        let form = try? req.content.decode(OnBehalfForm.self)
        let refusal: (sentence: String, status: HTTPResponseStatus)
        do {
            try await SupportOnBehalf.ask(caseID: caseID, personAgreed: form?.personAgreed == true, in: req.context())
            return req.redirect(to: SiteRoute.caseDetail(caseID).path(PageQuery(notice: .supportAsked)))
        } catch let failure as SupportOnBehalf.Failure {
            switch failure {
            case .notFound: throw PageError.notFound
            case .forbidden: throw PageError.forbidden
            case .needsAgreement: refusal = ("case.on_behalf.needs_agreement", .unprocessableEntity)
            case .caseClosed: refusal = ("case.closed_no_changes", .conflict)
            case .underWay: refusal = ("case.on_behalf.under_way", .conflict)
            }
        }
        return try await CaseController.render(req, caseID: caseID, flash: req.localizer(refusal.sentence), tone: .attention, status: refusal.status)
    }

    static func logContact(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.requestID)
        let user = try req.requireUser()
        let form = (try? req.content.decode(ContactForm.self)) ?? ContactForm()
        guard let channel = form.channel.flatMap(ContactChannel.init(rawValue:)), let date = form.date.flatMap({ LocalDateTime.parse($0, timeZone: user.timeZone) }),
              let minutes = form.durationMinutes.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
        else {
            return try await render(req, id: id, flash: req.localizer("contact.problem.unreadable"), tone: .attention, status: .unprocessableEntity, sent: form)
        }
        let next = form.nextContactAt.flatMap { $0.isEmpty ? nil : LocalDateTime.parse($0, timeZone: user.timeZone) }
        do {
            _ = try await SupportContacts.log(requestID: id, on: date, channel: channel, durationMinutes: minutes, nextContactAt: next,
                                              claim: Idempotency.formClaim(.formSupportContact, key: form._submission, at: req.url.path),
                                              answer: { _ in Idempotency.Answer(status: 303, location: SiteRoute.supportRequest(id).path, body: nil) },
                                              in: req.context())
        } catch let failure as SupportContacts.Failure {
            switch failure {
            case .request(let inner): return try await answer(req, id: id, inner)
            case .notTakenOn: return try await render(req, id: id, flash: req.localizer("contact.problem.not_taken_on"), tone: .attention, status: .conflict)
            case .invalid(let problem):
                return try await render(req, id: id, flash: req.localizer("contact.problem.\(problem.rawValue)"), tone: .attention,
                                        status: .unprocessableEntity, sent: form)
            }
        }
        return req.redirect(to: SiteRoute.supportRequest(id).path(PageQuery(notice: .contactLogged)))
    }

    /// A refused or stale change shows the request as it is now, with a calm sentence saying why.
    private static func answer(_ req: Request, id: UUID, _ failure: SupportOffers.Failure) async throws -> Response {
        let sentence: String
        switch failure {
        case .notFound, .unknownSupporter: throw PageError.notFound
        case .forbidden: throw PageError.forbidden
        case .conflict: sentence = "support_request.changed"
        case .refused(let rule): sentence = "match_rule.\(rule.rawValue)"
        case .nobodyAvailable: sentence = "support_request.open_nobody"
        }
        return try await render(req, id: id, flash: req.localizer(sentence), tone: .attention, status: .conflict)
    }

    private static func render(_ req: Request, id: UUID, flash: String?, tone: PageChrome.Tone, status: HTTPResponseStatus,
                               sent: ContactForm? = nil) async throws -> Response {
        let context = try req.context()
        let request: SupportOffers.Request
        do {
            request = try await SupportOffers.authorized(id, .view, in: context)
        } catch SupportOffers.Failure.forbidden {
            throw PageError.forbidden
        } catch is SupportOffers.Failure {
            throw PageError.notFound
        }
        var suggestions: [SupportRequests.Suggestion] = []
        if request.status == .open && request.personID == context.user.personID {
            let user = context.user
            let leader = try await Leaders.nearest(to: user.personID, units: user.ownUnits, organizationID: user.organizationID, on: context.db)
            suggestions = try await SupportRequests.suggest(request.wishes, leader: leader, caseID: request.caseID, in: context)
        }
        let contacts = request.status == .accepted
            ? try await SupportContacts.list(requestID: request.id, organizationID: request.organizationID, on: context.db) : []
        // The supporter may hand over to a colleague who could be offered the request now.
        var colleagues: [SupportRequests.Suggestion] = []
        if request.status == .accepted && request.handoverTo == nil && request.supporterPersonID == context.user.personID {
            let match = try await MatchingInput.load(for: request, now: context.now, on: context.db)
            colleagues = Matching.suggestions(from: match.pool.map(\.candidate).filter { $0.id != request.supporterID }, for: match.seeker,
                                              wishes: match.wishes, now: context.now, limit: 10)
                .map { SupportRequests.Suggestion(supporterID: $0.supporterID, name: match.name(of: $0.supporterID), reasons: $0.reasons) }
        }
        let model = SupportRequestPageModel(request, viewer: context.user.personID, suggestions: suggestions, contacts: contacts,
                                            colleagues: colleagues, crisis: context.user.crisisContacts, sentContact: sent, now: context.now,
                                            t: req.localizer, csrf: req.csrfToken)
        return Pages.respond(req, title: model.heading, current: nil, flash: flash, flashTone: tone, status: status,
                             main: SupportRequestPageView(model: model).main)
    }
}
