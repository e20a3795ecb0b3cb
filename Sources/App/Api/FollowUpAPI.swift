import Domain
import Foundation
import Vapor

/// `POST /api/v1/cases/{id}/contacts`, `/meetings` and `/adjustments`: the responsible leader's records.
enum FollowUpAPI {
    static func contact(_ req: Request) async throws -> Response {
        let body = try APIBody.decode(APIModels.LeaderContact.self, from: req, route: .leaderContact)
        let channel = try value(ContactChannel.self, body.channel, field: "channel")
        return try await created(req) { try await FollowUps.logContact(caseID: try caseID(req), on: body.date, channel: channel, in: try req.context()) }
    }

    static func meeting(_ req: Request) async throws -> Response {
        let body = try APIBody.decode(APIModels.FollowUpMeeting.self, from: req, route: .followUpMeeting)
        let topics = Set(try body.topics.map { try value(MeetingTopic.self, $0, field: "topics") })
        return try await created(req) {
            try await FollowUps.recordMeeting(caseID: try caseID(req), on: body.date, topics: topics, next: body.nextAt, in: try req.context())
        }
    }

    static func adjustment(_ req: Request) async throws -> Response {
        let body = try APIBody.decode(APIModels.Adjustment.self, from: req, route: .adjustment)
        let kind = try value(AdjustmentKind.self, body.kind, field: "kind")
        return try await created(req) {
            try await FollowUps.recordAdjustment(caseID: try caseID(req), kind: kind, startsOn: body.startsOn, reviewOn: body.reviewOn, in: try req.context())
        }
    }

    private static func created(_ req: Request, _ record: () async throws -> UUID) async throws -> Response {
        do {
            return try await APIModels.Created(id: try await record()).encodeResponse(status: .created, for: req)
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
