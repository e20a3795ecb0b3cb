import Domain
import Foundation
import Vapor

/// `/api/v1/reviews`: learning reviews and their improvement proposals, for quality advisors.
enum ReviewsAPI {
    static func create(_ req: Request) async throws -> Response {
        let body = try APIBody.decode(APIModels.CreateReview.self, from: req, route: .createReview)
        let claim = try Idempotency.claim(.apiReview, key: req.headers.first(name: "Idempotency-Key"), request: body, at: req.url.path)
        return try await perform {
            try await APIController.idempotent {
                try await LearningReviews.create(eventID: body.eventId, facilitatorID: body.facilitatorId, scheduledAt: body.scheduledAt, claim: claim,
                                                 answer: created, in: req.context())
            }.response
        }
    }

    static func list(_ req: Request) async throws -> APIModels.ReviewList {
        let unanswered: Bool
        switch req.query[String.self, at: "unanswered"] {
        case nil, "false": unanswered = false
        case "true": unanswered = true
        default: throw APIError(.badRequest, "invalid_query", "unanswered is true or false.")
        }
        return try await perform {
            APIModels.ReviewList(items: try await LearningReviews.list(unanswered: unanswered, in: req.context()).map { review in
                APIModels.Review(id: review.id, eventId: review.eventID, eventKind: review.eventKind.rawValue, eventAt: review.eventAt,
                                 facilitator: review.facilitatorName, scheduledAt: review.scheduledAt, dueAt: review.dueAt, invited: review.invited,
                                 declined: review.declined, proposalsWaiting: review.waiting, proposalsOverdue: review.overdue)
            })
        }
    }

    static func addProposal(_ req: Request) async throws -> Response {
        let reviewID = try id(req, RouteParameter.reviewID)
        let body = try APIBody.decode(APIModels.AddProposal.self, from: req, route: .addReviewProposal)
        let claim = try Idempotency.claim(.apiProposal, key: req.headers.first(name: "Idempotency-Key"), request: body, at: req.url.path)
        return try await perform {
            try await APIController.idempotent {
                try await LearningReviews.addProposal(reviewID: reviewID, text: body.text, proposedBy: body.proposedBy, claim: claim, answer: created,
                                                      in: req.context())
            }.response
        }
    }

    static func answer(_ req: Request) async throws -> APIModels.Proposal {
        let reviewID = try id(req, RouteParameter.reviewID), proposalID = try id(req, RouteParameter.proposalID)
        let body = try APIBody.decode(APIModels.AnswerProposal.self, from: req, route: .answerReviewProposal)
        guard let answer = ProposalAnswer(rawValue: body.answer) else {
            throw APIError(.unprocessableEntity, "invalid_value", "answer is one of \(ProposalAnswer.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return try await perform {
            let proposal = try await LearningReviews.answer(reviewID: reviewID, proposalID: proposalID, answer, reason: body.reason, version: body.version,
                                                            in: req.context())
            return APIModels.Proposal(id: proposal.id, text: proposal.text, proposedBy: proposal.proposedBy, answerDue: proposal.answerDue,
                                      answer: proposal.answer?.rawValue, reason: proposal.reason, version: proposal.version)
        }
    }

    static func conclude(_ req: Request) async throws -> Response {
        let reviewID = try id(req, RouteParameter.reviewID)
        let body = try APIBody.decode(APIModels.Conclusion.self, from: req, route: .concludeReview)
        guard let conclusion = ReviewConclusion(rawValue: body.conclusion) else {
            throw APIError(.unprocessableEntity, "invalid_value", "conclusion is one of \(ReviewConclusion.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        do {
            try await FamilyMeetings.conclude(reviewID: reviewID, conclusion, in: req.context())
        } catch let failure as FamilyMeetings.Failure {
            throw failure.apiError
        }
        return Response(status: .noContent)
    }

    static func familyMeeting(_ req: Request) async throws -> Response {
        let eventID = try id(req, RouteParameter.eventID)
        let body = try APIBody.decode(APIModels.FamilyMeeting.self, from: req, route: .familyMeeting)
        guard let kind = FamilyMeetingKind(rawValue: body.kind) else {
            throw APIError(.unprocessableEntity, "invalid_value", "kind is apology or regret.")
        }
        let roles = try Set(body.attendeeRoles.map { raw in
            guard let role = AttendeeRole(rawValue: raw) else {
                throw APIError(.unprocessableEntity, "invalid_value", "attendeeRoles holds \(AttendeeRole.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return role
        })
        let claim = try Idempotency.claim(.apiFamilyMeeting, key: req.headers.first(name: "Idempotency-Key"), request: body, at: req.url.path)
        do {
            return try await APIController.idempotent {
                try await FamilyMeetings.record(eventID: eventID, heldAt: body.heldAt, kind: kind, roles: roles, supportPersonID: body.supportPersonId,
                                                proposalIDs: Set(body.adoptedProposalIds ?? []), claim: claim, answer: created, in: req.context())
            }.response
        } catch let failure as FamilyMeetings.Failure {
            throw failure.apiError
        }
    }

    @Sendable private static func created(_ id: UUID) -> Idempotency.Answer {
        Idempotency.Answer(status: 201, location: nil, body: try? APIJSON.string(APIModels.Created(id: id)))
    }

    private static func perform<T>(_ action: () async throws -> T) async throws -> T {
        do {
            return try await action()
        } catch let failure as LearningReviews.Failure {
            throw failure.apiError
        }
    }

    private static func id(_ req: Request, _ name: String) throws -> UUID {
        guard let id = req.parameters.get(name, as: UUID.self) else { throw APIError(.badRequest, "invalid_id", "The id in the path must be a UUID.") }
        return id
    }
}

extension LearningReviews.Failure {
    var apiError: APIError {
        switch self {
        case .notFound: .notFound("review, event or person")
        case .forbidden: .forbidden
        case .exists: APIError(.conflict, "review_exists", "The event has its learning review already.")
        case .changed: APIError(.conflict, "conflict", "The proposal changed since you read it.")
        case .invalid(let problem):
            switch problem {
            case .supportsInvolvedPerson:
                APIError(.conflict, problem.rawValue, "The facilitator supports someone involved in this event; support stays apart from the review.")
            case .alreadyAnswered: APIError(.conflict, problem.rawValue, "The proposal has its final answer already.")
            case .reasonNeeded: APIError(.unprocessableEntity, problem.rawValue, "A proposal that is not adopted needs a reason.")
            case .textMissing: APIError(.unprocessableEntity, problem.rawValue, "text is empty.")
            case .textTooLong: APIError(.unprocessableEntity, problem.rawValue, "The text is too long or holds characters that are not text.")
            case .scheduledTooFar: APIError(.unprocessableEntity, problem.rawValue, "scheduledAt is more than a year ahead.")
            case .notInvolved: APIError(.unprocessableEntity, problem.rawValue, "proposedBy is not a person of this organization.")
            case .scheduledBeforeEvent: APIError(.unprocessableEntity, problem.rawValue, "scheduledAt is before the event.")
            case .facilitatorInvolved: APIError(.conflict, problem.rawValue, "The facilitator was involved in the event; choose someone who was not.")
            }
        }
    }
}

extension FamilyMeetings.Failure {
    var apiError: APIError {
        switch self {
        case .notFound: .notFound("event, review or person")
        case .forbidden: .forbidden
        case .unknownProposal: APIError(.unprocessableEntity, "unknown_proposal", "adoptedProposalIds names only adopted proposals of this event's review.")
        case .alreadyRecorded: APIError(.conflict, "family_meeting_exists", "A meeting of this kind with the family is already recorded for this event.")
        case .invalid(let problem):
            switch problem {
            case .apologyWithoutFailure:
                APIError(.unprocessableEntity, problem.rawValue, "The review concluded there was no failure in the service: the organization expresses regret.")
            case .heldInFuture: APIError(.unprocessableEntity, problem.rawValue, "heldAt is in the future.")
            case .heldBeforeEvent: APIError(.unprocessableEntity, problem.rawValue, "heldAt is before the event.")
            case .noAttendees: APIError(.unprocessableEntity, problem.rawValue, "attendeeRoles names at least one role.")
            }
        }
    }
}
