import Domain
import Foundation
import Vapor

/// `POST /api/v1/cases/{id}/contacts`, `/meetings` and `/adjustments`: the responsible leader's records.
enum FollowUpAPI {
    static func contact(_ req: Request) async throws -> Response {
        let body = try APIBody.decode(APIModels.LeaderContact.self, from: req, route: .leaderContact)
        let channel = try value(ContactChannel.self, body.channel, field: "channel")
        let claim = try Idempotency.claim(.apiLeaderContact, key: req.headers.first(name: "Idempotency-Key"), request: body, at: req.url.path)
        return try await created(req) { answer in
            try await FollowUps.logContact(caseID: try caseID(req), on: body.date, channel: channel, claim: claim, answer: answer, in: try req.context())
        }
    }

    static func meeting(_ req: Request) async throws -> Response {
        let body = try APIBody.decode(APIModels.FollowUpMeeting.self, from: req, route: .followUpMeeting)
        let topics = Set(try body.topics.map { try value(MeetingTopic.self, $0, field: "topics") })
        let claim = try Idempotency.claim(.apiFollowUpMeeting, key: req.headers.first(name: "Idempotency-Key"), request: body, at: req.url.path)
        return try await created(req) { answer in
            try await FollowUps.recordMeeting(caseID: try caseID(req), on: body.date, topics: topics, next: body.nextAt, claim: claim, answer: answer,
                                              in: try req.context())
        }
    }

    static func adjustment(_ req: Request) async throws -> Response {
        let body = try APIBody.decode(APIModels.Adjustment.self, from: req, route: .adjustment)
        let kind = try value(AdjustmentKind.self, body.kind, field: "kind")
        let claim = try Idempotency.claim(.apiAdjustment, key: req.headers.first(name: "Idempotency-Key"), request: body, at: req.url.path)
        return try await created(req) { answer in
            try await FollowUps.recordAdjustment(caseID: try caseID(req), kind: kind, startsOn: body.startsOn, reviewOn: body.reviewOn, claim: claim,
                                                 answer: answer, in: try req.context())
        }
    }

    /// 201 with the new id; a repeat with the same Idempotency-Key gets the first answer again.
    private static func created(_ req: Request, _ record: (@escaping FollowUps.Answer) async throws -> Idempotency.Outcome<UUID>) async throws -> Response {
        do {
            return try await APIController.idempotent {
                try await record { id in Idempotency.Answer(status: 201, location: nil, body: try APIJSON.string(APIModels.Created(id: id))) }
            }.response
        } catch let failure as FollowUps.Failure {
            throw failure.apiError
        }
    }

    private static func value<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ raw: String, field: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw APIError(.unprocessableEntity, "invalid_value", "\(field) is one of \(T.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return value
    }

    private static func caseID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get(RouteParameter.caseID, as: UUID.self) else {
            throw APIError(.badRequest, "invalid_id", "The case id must be a UUID.")
        }
        return id
    }
}

extension FollowUps.Failure {
    var apiError: APIError {
        switch self {
        case .notFound: .notFound("case")
        case .forbidden: .forbidden
        case .caseClosed: APIError(.conflict, "case_closed", "The pathway is closed; reopen it first.")
        case .notOpen: APIError(.conflict, "step_not_open", "The step is done already or set aside.")
        case .invalid(let problem): APIError(.unprocessableEntity, problem.rawValue, problem.apiMessage)
        }
    }
}

extension FollowUpRecords.Problem {
    var apiMessage: String {
        switch self {
        case .inTheFuture: "The date is in the future; record it after it happened."
        case .beforeThePathway: "The date is before the pathway began."
        case .noTopics: "topics must name at least one subject the meeting covered."
        case .nextBeforeThis: "nextAt must come after the meeting."
        case .tooFarAhead: "That is more than a year ahead."
        case .reviewBeforeStart: "reviewOn must come after startsOn."
        }
    }
}
