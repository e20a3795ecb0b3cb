import Domain
import Foundation
import Vapor

/// Requests for peer support after they were made: read them, choose a supporter, take one on.
enum SupportRequestsAPI {
    static func list(_ req: Request) async throws -> APIModels.SupportRequestList {
        let user = try req.requireUser()
        let requests = try await SupportOffers.mine(personID: user.personID, organizationID: user.organizationID, on: req.db)
        try await req.context().audit(reads: requests.map { ("support_request", $0.id, $0.personID) })
        return APIModels.SupportRequestList(items: requests.map(APIModels.SupportRequestDetail.init))
    }

    static func detail(_ req: Request) async throws -> APIModels.SupportRequestDetail {
        APIModels.SupportRequestDetail(try await perform { try await SupportOffers.authorized(try requestID(req), .view, in: req.context()) })
    }

    static func choose(_ req: Request) async throws -> APIModels.SupportRequestDetail {
        let body = try APIBody.decode(APIModels.ChooseSupporter.self, from: req, route: .chooseSupporter)
        let anyone = body.anyone ?? false
        guard (body.supporterId != nil) != anyone else {
            throw APIError(.unprocessableEntity, "missing_field", "Send either supporterId or \"anyone\": true.")
        }
        return APIModels.SupportRequestDetail(try await perform {
            try await SupportOffers.choose(try requestID(req), supporterID: body.supporterId, version: body.version, in: req.context())
        })
    }

    static func accept(_ req: Request) async throws -> APIModels.SupportRequestDetail {
        let body = try APIBody.decodeIfSent(APIModels.Answer.self, from: req, route: .acceptSupportRequest, empty: APIModels.Answer(version: nil))
        return APIModels.SupportRequestDetail(try await perform {
            try await SupportOffers.accept(try requestID(req), version: body.version, in: req.context())
        })
    }

    /// 204: once handed on, the request is no longer the supporter's to see.
    static func pass(_ req: Request) async throws -> Response {
        let body = try APIBody.decodeIfSent(APIModels.Answer.self, from: req, route: .passSupportRequest, empty: APIModels.Answer(version: nil))
        do {
            try await SupportOffers.pass(try requestID(req), version: body.version, in: req.context())
        } catch let failure as SupportOffers.Failure {
            throw failure.apiError
        }
        return Response(status: .noContent)
    }

    static func decline(_ req: Request) async throws -> APIModels.SupportRequestDetail {
        let body = try APIBody.decodeIfSent(APIModels.Answer.self, from: req, route: .declineSupportRequest, empty: APIModels.Answer(version: nil))
        return APIModels.SupportRequestDetail(try await perform {
            try await SupportOffers.decline(try requestID(req), version: body.version, in: req.context())
        })
    }

    static func reopen(_ req: Request) async throws -> APIModels.SupportRequestDetail {
        let body = try APIBody.decodeIfSent(APIModels.Answer.self, from: req, route: .reopenSupportRequest, empty: APIModels.Answer(version: nil))
        return APIModels.SupportRequestDetail(try await perform {
            try await SupportOffers.reopen(try requestID(req), version: body.version, in: req.context())
        })
    }

    static func proposeHandover(_ req: Request) async throws -> APIModels.SupportRequestDetail {
        let body = try APIBody.decode(APIModels.Handover.self, from: req, route: .proposeHandover)
        return APIModels.SupportRequestDetail(try await perform {
            try await SupportOffers.proposeHandover(try requestID(req), to: body.supporterId, version: body.version, in: req.context())
        })
    }

    static func answerHandover(_ req: Request) async throws -> APIModels.SupportRequestDetail {
        let body = try APIBody.decode(APIModels.HandoverAnswer.self, from: req, route: .answerHandover)
        return APIModels.SupportRequestDetail(try await perform {
            try await SupportOffers.answerHandover(try requestID(req), agrees: body.agrees, version: body.version, in: req.context())
        })
    }

    static func contacts(_ req: Request) async throws -> APIModels.ContactList {
        do {
            let entries = try await SupportContacts.readable(requestID: try requestID(req), in: req.context())
            return APIModels.ContactList(items: entries.map(APIModels.Contact.init))
        } catch let failure as SupportContacts.Failure {
            throw failure.apiError
        }
    }

    static func logContact(_ req: Request) async throws -> Response {
        let body = try APIBody.decode(APIModels.LogContact.self, from: req, route: .logContact)
        guard let channel = ContactChannel(rawValue: body.channel) else {
            throw APIError(.unprocessableEntity, "invalid_value", "channel must be one of \(ContactChannel.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let claim = try Idempotency.claim(.apiSupportContact, key: req.headers.first(name: "Idempotency-Key"), request: body, at: req.url.path)
        do {
            return try await APIController.idempotent {
                try await SupportContacts.log(requestID: try requestID(req), on: body.date, channel: channel, durationMinutes: body.durationMinutes,
                                              nextContactAt: body.nextContactAt, claim: claim, answer: { entry in
                    Idempotency.Answer(status: 201, location: nil, body: try APIJSON.string(APIModels.Contact(entry)))
                }, in: req.context())
            }.response
        } catch let failure as SupportContacts.Failure {
            throw failure.apiError
        }
    }

    private static func requestID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get(RouteParameter.requestID, as: UUID.self) else {
            throw APIError(.badRequest, "invalid_id", "The support request id must be a UUID.")
        }
        return id
    }

    private static func perform(_ action: () async throws -> SupportOffers.Request) async throws -> SupportOffers.Request {
        do {
            return try await action()
        } catch let failure as SupportOffers.Failure {
            throw failure.apiError
        }
    }
}

extension SupportOffers.Failure {
    var apiError: APIError {
        switch self {
        case .notFound: .notFound("support request")
        case .forbidden: .forbidden
        case .conflict(let request):
            APIError(.conflict, "conflict", "The request changed since you read it; it is now \(request.status.rawValue).")
        case .refused(let rule): APIError(.conflict, rule.rawValue, rule.apiMessage)
        case .unknownSupporter: APIError(.notFound, "not_found", "No peer supporter with that id serves you.")
        case .nobodyAvailable: APIError(.conflict, "nobody_available", "No peer supporter can take a request right now.")
        }
    }
}

extension SupportContacts.Failure {
    var apiError: APIError {
        switch self {
        case .request(let failure): failure.apiError
        case .notTakenOn: APIError(.conflict, "not_taken_on", "Contacts are logged once the supporter has taken the request on.")
        case .invalid(let problem): APIError(.unprocessableEntity, "invalid_value", problem.apiMessage)
        }
    }
}

extension SupportContact.Problem {
    var apiMessage: String {
        switch self {
        case .inTheFuture: "date is in the future: log a contact after it took place."
        case .beforeTheRequest: "date is before the request was made."
        case .duration: "durationMinutes must be between \(SupportContact.durations.lowerBound) and \(SupportContact.durations.upperBound)."
        case .nextBeforeThis: "nextContactAt must be later than date."
        }
    }
}

extension MatchRule {
    /// Why the choice was refused, for API clients; people read it in their own language on the page.
    var apiMessage: String {
        switch self {
        case .ownSelf: "Nobody can be their own peer supporter."
        case .sameEvent: "This supporter was involved in the same event."
        case .investigator: "This supporter investigates the event."
        case .reviewFacilitator: "This supporter facilitates the event's learning review."
        case .ownLeader: "This supporter is your own leader."
        case .passed: "This supporter has already passed this request on."
        case .ownUnit: "This supporter works in your own unit, and you asked for someone from outside it."
        case .ownTeam: "This supporter is in your own peer-support team."
        case .onLeave: "This supporter is on leave."
        case .overCap: "This supporter has as many requests as they can take."
        }
    }
}
