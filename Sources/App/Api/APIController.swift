import Domain
import Fluent
import SQLKit
import Vapor

enum APIController {
    static func register(_ app: Application) throws {
        let api = app.grouped(BearerAuthenticator())
        api.post(APIRoute.token.pattern, use: token)
        api.get(APIRoute.openAPI.pattern) { _ in try OpenAPIDocument.response() }
        let authed = api.grouped(RequireAPIUser())
        authed.delete(APIRoute.revokeToken.pattern, use: revokeToken)
        authed.get(APIRoute.me.pattern, use: me)
        authed.get(APIRoute.units.pattern, use: units)
        authed.get(APIRoute.instrument.pattern, use: CheckInAPI.instrument)
        authed.get(APIRoute.checkInList.pattern, use: CheckInAPI.list)
        authed.post(APIRoute.answerCheckIn.pattern, use: CheckInAPI.answer)
        authed.get(APIRoute.consents.pattern, use: CheckInAPI.consents)
        authed.put(APIRoute.changeConsents.pattern, use: CheckInAPI.changeConsents)
        authed.post(APIRoute.referrals.pattern, use: CheckInAPI.refer)
        authed.get(APIRoute.people.pattern, use: people)
        authed.post(APIRoute.events.pattern, use: createEvent)
        authed.get(APIRoute.caseDetail.pattern, use: caseDetail)
        authed.post(APIRoute.caseStep.pattern, use: moveStep)
        authed.post(APIRoute.supportRequests.pattern, use: requestSupport)
        authed.get(APIRoute.supportRequestList.pattern, use: SupportRequestsAPI.list)
        authed.get(APIRoute.supportRequestDetail.pattern, use: SupportRequestsAPI.detail)
        authed.post(APIRoute.chooseSupporter.pattern, use: SupportRequestsAPI.choose)
        authed.post(APIRoute.acceptSupportRequest.pattern, use: SupportRequestsAPI.accept)
        authed.post(APIRoute.passSupportRequest.pattern, use: SupportRequestsAPI.pass)
        authed.post(APIRoute.declineSupportRequest.pattern, use: SupportRequestsAPI.decline)
        authed.post(APIRoute.reopenSupportRequest.pattern, use: SupportRequestsAPI.reopen)
        authed.post(APIRoute.proposeHandover.pattern, use: SupportRequestsAPI.proposeHandover)
        authed.post(APIRoute.answerHandover.pattern, use: SupportRequestsAPI.answerHandover)
        authed.get(APIRoute.contactList.pattern, use: SupportRequestsAPI.contacts)
        authed.post(APIRoute.logContact.pattern, use: SupportRequestsAPI.logContact)
        authed.get(APIRoute.peerSupporters.pattern, use: PeerSupportAPI.supporters)
        authed.get(APIRoute.rotaCoverage.pattern, use: PeerSupportAPI.coverage)
        authed.post(APIRoute.recordDefusing.pattern, use: DefusingAPI.record)
        authed.post(APIRoute.leaderContact.pattern, use: FollowUpAPI.contact)
        authed.post(APIRoute.followUpMeeting.pattern, use: FollowUpAPI.meeting)
        authed.post(APIRoute.adjustment.pattern, use: FollowUpAPI.adjustment)
        authed.post(APIRoute.createReview.pattern, use: ReviewsAPI.create)
        authed.get(APIRoute.reviewList.pattern, use: ReviewsAPI.list)
        authed.post(APIRoute.addReviewProposal.pattern, use: ReviewsAPI.addProposal)
        authed.post(APIRoute.answerReviewProposal.pattern, use: ReviewsAPI.answer)
        authed.post(APIRoute.concludeReview.pattern, use: ReviewsAPI.conclude)
        authed.post(APIRoute.familyMeeting.pattern, use: ReviewsAPI.familyMeeting)
        authed.get(APIRoute.defusingList.pattern, use: DefusingAPI.list)
        // An HR file is larger than any JSON body: it is read by the handler, up to its own limit.
        authed.on(.POST, APIRoute.importUnits.pattern, body: .stream, use: ImportAPI.units)
        authed.on(.POST, APIRoute.importPeople.pattern, body: .stream, use: ImportAPI.people)
        // Anything else under the API answers in the API's own error format.
        api.on(.GET, "api", "v1", "**") { _ -> Response in throw APIError(.notFound, "not_found", "No such endpoint.") }
    }

    static func token(_ req: Request) async throws -> Response {
        let body = try APIBody.decode(APIModels.TokenRequest.self, from: req, route: .token)
        let account: Account
        switch try await AuthController.query(username: body.username.trimmingCharacters(in: .whitespaces).lowercased(), password: body.password, on: req) {
        case .signedIn(let found, _):
            account = found
        case .refused:
            throw APIError(.unauthorized, "invalid_credentials", "Wrong username or password.")
        case .deactivated:
            throw APIError(.forbidden, "deactivated", "This account is no longer active in the organization.")
        case .busy:
            throw APIError(.serviceUnavailable, "busy", "Too many logins are being checked right now; try again in a few seconds.", retryAfter: 5)
        case .wait(let seconds):
            throw APIError(.tooManyRequests, "too_many_attempts", "Too many failed logins; try again in \(Int(seconds.rounded(.up))) seconds.",
                           retryAfter: Int(seconds.rounded(.up)))
        }
        switch try await SecondFactorController.requirement(for: account, on: req) {
        case .nothing: break
        case .setUp:
            throw APIError(.forbidden, "two_factor_setup_required", "This account must set up two-factor sign-in on the web before it can get a token.")
        case .code:
            guard let code = body.code else {
                throw APIError(.unauthorized, "code_required", "This account signs in with a code from its authenticator app as well: send it as code.")
            }
            switch try await SecondFactorController.checkCode(code, for: account, on: req) {
            case .accepted: break
            case .refused: throw APIError(.unauthorized, "invalid_code", "That code did not work; each code works once.")
            case .wait(let seconds):
                throw APIError(.tooManyRequests, "too_many_attempts", "Too many wrong codes; try again in \(seconds) seconds.", retryAfter: seconds)
            }
        }
        let issued = try await Tokens.issue(.api, for: account, on: req)
        return try await APIModels.TokenResponse(token: issued.secret, expiresAt: issued.expiresAt).encodeResponse(status: .ok, for: req)
    }

    /// Ends the token the request was made with.
    static func revokeToken(_ req: Request) async throws -> Response {
        if let bearer = req.headers.bearerAuthorization { try await Tokens.revoke(bearer.token, on: req) }
        return Response(status: .noContent)
    }

    static func me(_ req: Request) async throws -> APIModels.Me {
        let user = try req.requireUser()
        return APIModels.Me(personId: user.personID, organizationId: user.organizationID, roles: user.roles.map(\.rawValue).sorted())
    }

    static func paging(_ req: Request) -> (page: Int, perPage: Int) {
        (Paging.page(req.query[Int.self, at: "page"]), min(200, max(1, req.query[Int.self, at: "perPage"] ?? 100)))
    }

    static func units(_ req: Request) async throws -> APIModels.Page<APIModels.UnitItem> {
        let user = try req.requireUser()
        let (page, perPage) = paging(req)
        let rows = try await req.db.sql().raw("""
            SELECT id, name, parent_id FROM units WHERE organization_id = \(bind: user.organizationID)
            ORDER BY name, id LIMIT \(bind: perPage + 1) OFFSET \(bind: (page - 1) * perPage)
            """).all()
        let items = try rows.map {
            APIModels.UnitItem(id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self),
                               parentId: try $0.decode(column: "parent_id", as: UUID?.self))
        }
        return .init(items: Array(items.prefix(perPage)), page: page, perPage: perPage, hasMore: items.count > perPage)
    }

    /// The people the caller may see: a leader their units' people, an administrator everyone, anyone else themself.
    static func people(_ req: Request) async throws -> APIModels.Page<APIModels.PersonItem> {
        let user = try req.requireUser()
        let (page, perPage) = paging(req)
        let sql = try req.db.sql()
        let rows: [any SQLRow]
        switch AccessPolicy.peopleScope(user.actor) {
        case .everyone:
            rows = try await sql.raw("""
                SELECT id, name, profession FROM people WHERE organization_id = \(bind: user.organizationID)
                ORDER BY name, id LIMIT \(bind: perPage + 1) OFFSET \(bind: (page - 1) * perPage)
                """).all()
        case .selfAnd(let units):
            let scope = Array(units)
            // Driven from the units in scope, so the cost follows the people the caller may see, not the
            // organization's size (a ward leader in a region of 200,000 otherwise scanned everyone).
            rows = try await sql.raw("""
                SELECT p.id, p.name, p.profession FROM people p
                WHERE p.organization_id = \(bind: user.organizationID)
                  AND p.id IN (
                    SELECT pu.person_id FROM person_units pu
                    WHERE pu.organization_id = \(bind: user.organizationID)
                      AND pu.unit_id IN (\(binds: scope.isEmpty ? [UUID.routePlaceholder] : scope))
                    UNION SELECT \(bind: user.personID))
                ORDER BY p.name, p.id LIMIT \(bind: perPage + 1) OFFSET \(bind: (page - 1) * perPage)
                """).all()
        }
        let people = try rows.prefix(perPage).map {
            (id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self),
             profession: try $0.decode(column: "profession", as: String.self))
        }
        var units: [UUID: [UUID]] = [:]
        if !people.isEmpty {
            let links = try await sql.raw("""
                SELECT person_id, unit_id FROM person_units
                WHERE organization_id = \(bind: user.organizationID) AND person_id IN (\(binds: people.map(\.id)))
                """).all()
            for link in links {
                units[try link.decode(column: "person_id", as: UUID.self), default: []].append(try link.decode(column: "unit_id", as: UUID.self))
            }
        }
        try await AuditLog.record(req, .read, "person_list", id: nil, subject: nil)
        return .init(
            items: people.map { APIModels.PersonItem(id: $0.id, name: $0.name, profession: $0.profession, unitIds: (units[$0.id] ?? []).sorted { $0.uuidString < $1.uuidString }) },
            page: page, perPage: perPage, hasMore: rows.count > perPage)
    }

    static func createEvent(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayRegisterEvents(user.actor) else { throw APIError.forbidden }
        let body = try APIBody.decode(APIModels.EventRequest.self, from: req, route: .events)
        let claim = try Idempotency.claim(.apiEvent, key: req.headers.first(name: "Idempotency-Key"), request: body, at: req.url.path)
        let input = EventRegistration.Input(
            kind: body.kind, severity: body.severity, occurredAt: body.occurredAt, unitID: body.unitId, summary: body.summary,
            incidentReportRef: body.incidentReportRef, tags: body.tags ?? [], defusingAsked: body.defusingAsked ?? false,
            involvedPersonIDs: body.involvedPersonIds, patientSafe: body.checklist.patientSafe, staffSafe: body.checklist.staffSafe,
            premisesSafe: body.checklist.premisesSafe, everyoneInformed: body.checklist.everyoneInformed,
            relievedPersonIDs: body.checklist.relievedPersonIds ?? [], oldDateConfirmed: body.oldDateConfirmed ?? false)
        switch try await EventRegistration.validate(input, by: user, now: req.now, on: req.db) {
        case .failure(let list):
            guard let first = list.problems.first else { throw APIError(.unprocessableEntity, "invalid_field", "The event is not valid.") }
            let status: HTTPResponseStatus = first.code == "out_of_scope" ? .forbidden : .unprocessableEntity
            throw APIError(status, first.code, list.problems.map { "\($0.field): \(APIMessages.problem($0.code))" }.joined(separator: "; "))
        case .success(let valid):
            let outcome = try await idempotent {
                try await EventRegistration.register(input, valid, claim: claim, in: req.context()) { registered in
                    Idempotency.Answer(status: 201, location: nil, body: try APIJSON.string(APIModels.EventCreated(
                        id: registered.eventID, cases: registered.cases.map { .init(id: $0.caseID, personId: $0.personID) },
                        defusingRecommendedBy: registered.defusingRecommendedBy)))
                }
            }
            return outcome.response
        }
    }

    static func caseDetail(_ req: Request) async throws -> APIModels.CaseDetail {
        let caseID = try req.apiID(RouteParameter.caseID)
        do {
            let loaded = try await CaseService.view(caseID: caseID, in: req.context())
            return APIModels.CaseDetail(
                id: caseID, personId: loaded.record.personID, eventId: loaded.record.eventID, status: loaded.record.status.rawValue,
                steps: loaded.steps.map(APIModels.Step.init))
        } catch let failure as CaseService.Failure {
            throw failure.apiError
        }
    }

    static func moveStep(_ req: Request) async throws -> APIModels.Step {
        let caseID = try req.apiID(RouteParameter.caseID)
        let key = req.parameters.get(RouteParameter.stepKey) ?? ""
        let body = try APIBody.decode(APIModels.StepChange.self, from: req, route: .caseStep)
        guard let status = StepStatus(rawValue: body.status) else {
            throw APIError(.unprocessableEntity, "unknown_value", "status must be one of \(StepStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard let stepKey = StepKey(rawValue: key) else { throw APIError.notFound("step") }
        do {
            return APIModels.Step(try await CaseService.moveStep(caseID: caseID, key: stepKey, to: status, seenVersion: body.version, in: req.context()))
        } catch let failure as CaseService.Failure {
            throw failure.apiError
        }
    }

    static func requestSupport(_ req: Request) async throws -> Response {
        let body = try APIBody.decodeIfSent(APIModels.SupportRequest.self, from: req, route: .supportRequests, empty: APIModels.SupportRequest())
        if let language = body.language, !SupportWishes.isLanguageCode(language) {
            throw APIError(.unprocessableEntity, "invalid_value", "language must be an ISO 639 language code such as da, nb, fi or en.")
        }
        let claim = try Idempotency.claim(.apiSupportRequest, key: req.headers.first(name: "Idempotency-Key"), request: body, at: req.url.path)
        // How to reach the person is optional; when given, the way must be known and the number or address fit it.
        guard case .success(let reach) = Reach.check(by: body.reachBy, at: body.reachAt) else {
            throw APIError(.unprocessableEntity, "invalid_value", "reachBy is phone, email or chat, and reachAt a number, an address or a chat name that fits it.")
        }
        let wishes = SupportRequests.Wishes(involveLeader: body.involveLeader ?? false, sameProfession: body.sameProfession ?? false,
                                            outsideUnit: body.outsideUnit ?? false, language: body.language, reach: reach)
        let respond: @Sendable (SupportRequests.Created) throws -> Idempotency.Answer = { created in
            Idempotency.Answer(status: 201, location: nil, body: try APIJSON.string(APIModels.SupportRequestCreated(
                id: created.requestID, caseId: created.caseID, status: SupportRequestStatus.open.rawValue,
                suggestions: created.suggestions.map { .init(supporterId: $0.supporterID, name: $0.name, reasons: $0.reasons.map(\.rawValue)) })))
        }
        let outcome: Idempotency.Outcome<SupportRequests.Created>
        do {
            outcome = try await idempotent {
                if let caseID = body.caseId {
                    return try await SupportRequests.create(wishes, forCase: caseID, claim: claim, in: req.context(), answer: respond)
                }
                return try await SupportRequests.create(wishes, claim: claim, in: req.context(), answer: respond)
            }
        } catch SupportRequests.Failure.caseNotFound {
            throw APIError.notFound("pathway of yours")
        } catch SupportRequests.Failure.underWay {
            throw APIError(.conflict, "under_way", "A peer supporter is already asked or in touch in this pathway.")
        }
        return outcome.response
    }

    /// A key reused for another body is the client's mistake, answered 409 with nothing changed.
    static func idempotent<Value>(_ create: () async throws -> Idempotency.Outcome<Value>) async throws -> Idempotency.Outcome<Value> {
        do {
            return try await create()
        } catch is Idempotency.KeyReused {
            throw APIError(.conflict, "idempotency_key_reused", "This Idempotency-Key was already used with another request body.")
        }
    }
}

extension CaseService.Failure {
    var apiError: APIError {
        switch self {
        case .notFound: .notFound("case")
        case .unknownStep: .notFound("step")
        case .forbidden: .forbidden
        case .refused(let from, let to, let current):
            APIError(.conflict, "transition_not_allowed", "A step cannot move from \(from.rawValue) to \(to.rawValue).", current: .step(APIModels.Step(current)))
        case .lifecycle: APIError(.conflict, "transition_not_allowed", "The case cannot change that way.")
        case .caseClosed: APIError(.conflict, "case_closed", "The case is closed; reopen it before changing its steps.")
        case .stepChanged(let current):
            APIError(.conflict, "conflict", "The step was changed by someone else; nothing was changed.", current: .step(APIModels.Step(current)))
        case .undoNotPossible:
            APIError(.conflict, "undo_not_possible", "Marking the step done can be undone only by the one who did it, within \(Int(StepUndo.window / 60)) minutes.")
        case .caseChanged(let status):
            APIError(.conflict, "conflict", "The case was changed by someone else; nothing was changed.", current: .caseStatus(status.rawValue))
        }
    }
}
