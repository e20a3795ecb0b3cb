import Domain
import Fluent
import Vapor

/// Check-in instruments as the API gives them: each text in the caller's language.
enum CheckInAPI {
    static func instrument(_ req: Request) async throws -> APIModels.InstrumentView {
        _ = try req.requireUser()
        guard let key = req.parameters.get(RouteParameter.instrumentKey), let instrument = req.application.instruments.instruments[key] else {
            throw APIError.notFound("instrument")
        }
        func text(_ texts: [String: String]) -> String { instrumentText(texts, in: req.language) }
        return APIModels.InstrumentView(
            key: instrument.key, title: text(instrument.title),
            items: instrument.items.map { item in
                let scale = instrument.scale(of: item)
                return APIModels.InstrumentView.Item(
                    key: item.key, text: text(item.text),
                    scale: (scale?.values ?? 0...0).map { value in .init(value: value, label: scale?.labels[value].map(text)) })
            })
    }
}

/// The person's own check-ins, answers and consents. Nobody else's can be named: they answer 404.
extension CheckInAPI {
    static func list(_ req: Request) async throws -> APIModels.CheckInList {
        let user = try req.requireUser()
        let own = try await CheckInAnswers.own(personID: user.personID, organizationID: user.organizationID, on: req.db)
        try await AuditLog.record(req, .read, "check_in_list", id: nil, subject: user.personID)
        return APIModels.CheckInList(items: own.map(APIModels.CheckIn.init))
    }

    static func answer(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get(RouteParameter.checkInID, as: UUID.self) else {
            throw APIError(.badRequest, "invalid_id", "The check-in id must be a UUID.")
        }
        let body = try APIBody.decode(APIModels.CheckInAnswersBody.self, from: req, route: .answerCheckIn)
        let user = try req.requireUser()
        let contactBy = try body.contactBy.map { text in
            guard let choice = ContactChoice(rawValue: text) else {
                throw APIError(.unprocessableEntity, "invalid_value", "contactBy must be one of \(ContactChoice.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return choice
        }
        do {
            let outcome = try await CheckInAnswers.answer(id, answers: body.answers, seenVersion: body.version, contactBy: contactBy,
                                                          instruments: req.application.instruments, in: req.context())
            let crisis = user.crisisContacts
            return try await APIModels.CheckInAnswered(
                redFlag: outcome.redFlag,
                crisisContacts: outcome.crisisHelp ? [.init(kind: "emergency", number: crisis.emergency), .init(kind: "out_of_hours", number: crisis.outOfHours)] : [],
                suggestExternalHelp: outcome.suggestsExternalHelp,
                contact: outcome.contact.map(APIModels.ContactArranged.init)
            ).encodeResponse(status: .ok, for: req)
        } catch let failure as CheckInAnswers.Failure {
            throw failure.apiError
        }
    }

    static func consents(_ req: Request) async throws -> APIModels.ConsentsView {
        let user = try req.requireUser()
        try await AuditLog.record(req, .read, "consent", id: nil, subject: user.personID)
        return try await consentsView(user, on: req.db)
    }

    static func changeConsents(_ req: Request) async throws -> APIModels.ConsentsView {
        let body = try APIBody.decode(APIModels.ConsentsChange.self, from: req, route: .changeConsents)
        var changes: [Consents.Change] = []
        if let granted = body.attentionSignalToOwner { changes.append(.init(kind: .attentionSignalToOwner, caseID: nil, granted: granted)) }
        if let granted = body.earlierCasesToOwner { changes.append(.init(kind: .earlierCasesToOwner, caseID: nil, granted: granted)) }
        let named = (body.cases ?? []).map(\.caseId)
        if let twice = named.first(where: { id in named.filter { $0 == id }.count > 1 }) {
            throw APIError(.unprocessableEntity, "case_twice", "cases: \(twice.uuidString) is named twice; name each pathway once.")
        }
        for entry in body.cases ?? [] {
            if let granted = entry.attentionSignalToOwner { changes.append(.init(kind: .attentionSignalToOwner, caseID: entry.caseId, granted: granted)) }
            if let granted = entry.earlierCasesToOwner { changes.append(.init(kind: .earlierCasesToOwner, caseID: entry.caseId, granted: granted)) }
        }
        do {
            try await Consents.record(changes, in: req.context())
        } catch Consents.Failure.unknownCase(let id) {
            throw APIError(.unprocessableEntity, "unknown_case", "cases: \(id.uuidString) is not one of your pathways.")
        }
        return try await consentsView(try req.requireUser(), on: req.db)
    }

    private static func consentsView(_ user: CurrentUser, on db: any Database) async throws -> APIModels.ConsentsView {
        let choices = try await Consents.choices(of: user.personID, organizationID: user.organizationID, on: db)
        let attention = choices[.attentionSignalToOwner] ?? ConsentChoices()
        let earlier = choices[.earlierCasesToOwner] ?? ConsentChoices()
        let cases = Set(attention.byCase.keys).union(earlier.byCase.keys).sorted { $0.uuidString < $1.uuidString }
        return APIModels.ConsentsView(attentionSignalToOwner: attention.general, earlierCasesToOwner: earlier.general,
                                      cases: cases.map { .init(caseId: $0, attentionSignalToOwner: attention.byCase[$0], earlierCasesToOwner: earlier.byCase[$0]) })
    }

    static func refer(_ req: Request) async throws -> Response {
        guard let caseID = req.parameters.get(RouteParameter.caseID, as: UUID.self) else {
            throw APIError(.badRequest, "invalid_id", "The case id must be a UUID.")
        }
        let body = try APIBody.decode(APIModels.ReferralBody.self, from: req, route: .referrals)
        let claim = try Idempotency.claim(.apiReferral, key: req.headers.first(name: "Idempotency-Key"), request: body, at: req.url.path)
        guard case .success(let reach) = Reach.check(by: body.reachBy, at: body.reachAt) else {
            throw APIError(.unprocessableEntity, "invalid_value", "reachBy is phone, email or chat, and reachAt a number, an address or a chat name that fits it.")
        }
        do {
            return try await APIController.idempotent {
                try await Referrals.make(caseID: caseID, serviceID: body.serviceId, share: body.shareCheckInIds ?? [], personAgrees: body.personAgrees ?? false,
                                         reach: reach,
                                         claim: claim, answer: { id in
                                             Idempotency.Answer(status: 201, location: nil, body: try? APIJSON.string(APIModels.ReferralCreated(id: id)))
                                         }, in: req.context())
            }.response
        } catch let failure as Referrals.Failure {
            throw failure.apiError
        }
    }
}

extension CheckInAnswers.Failure {
    var apiError: APIError {
        switch self {
        case .notFound: .notFound("check-in")
        case .notYetDue: APIError(.conflict, "not_yet_due", "This check-in is not due yet.")
        case .alreadyDone(let record): APIError(.conflict, "conflict", "This check-in is \(record.status.rawValue) already.")
        case .caseClosed: APIError(.conflict, "case_closed", "The pathway of this check-in is closed.")
        case .instrumentMissing: APIError(.conflict, "instrument_unavailable", "This check-in's questionnaire is no longer offered.")
        case .invalid(.unknownItem(let item)): APIError(.unprocessableEntity, "unknown_item", "answers.\(item) is not an item of this check-in.")
        case .invalid(.offScale(let item, let value)): APIError(.unprocessableEntity, "off_scale", "answers.\(item): \(value) is not on its scale.")
        case .invalid(.missing(let item)): APIError(.unprocessableEntity, "missing_answer", "answers.\(item) needs an answer.")
        }
    }
}

extension Referrals.Failure {
    var apiError: APIError {
        switch self {
        case .notFound: .notFound("case")
        case .forbidden: .forbidden
        case .needsAgreement: APIError(.unprocessableEntity, "needs_agreement", "A leader refers only when the person agrees: send personAgrees true.")
        case .unknownService: APIError(.unprocessableEntity, "unknown_service", "serviceId is not one of the organization's services.")
        case .unknownCheckIn(let id): APIError(.unprocessableEntity, "unknown_check_in", "shareCheckInIds: \(id.uuidString) is not one of this pathway's answered check-ins.")
        case .onlyPersonShares: APIError(.forbidden, "only_person_shares", "Only the person can share their check-ins.")
        case .alreadyReferred: APIError(.conflict, "already_referred", "This pathway was referred to this service already.")
        case .alreadyContacted: APIError(.conflict, "already_contacted", "Someone noted the contact for this referral already.")
        case .invalid: APIError(.unprocessableEntity, "invalid_value", "The service needs a name and contact details.")
        }
    }
}

extension APIModels.ContactArranged {
    init(_ outcome: ContactWishes.Outcome) {
        switch outcome {
        case .supporterAsked(let name): self.init(by: ContactChoice.peerSupporter.rawValue, name: name)
        case .supporterTold(let name): self.init(by: ContactChoice.peerSupporter.rawValue, name: name)
        case .leader(let name): self.init(by: ContactChoice.leader.rawValue, name: name)
        case .occupationalHealth(let name, _): self.init(by: ContactChoice.occupationalHealth.rawValue, name: name)
        }
    }
}
