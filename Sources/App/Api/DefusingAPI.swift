import Domain
import Foundation
import Vapor

/// `POST` and `GET /api/v1/events/{id}/defusing`: the defusing conversation, as its leader records it.
enum DefusingAPI {
    static func record(_ req: Request) async throws -> Response {
        let eventID = try eventID(req)
        let body = try APIBody.decode(APIModels.RecordDefusing.self, from: req, route: .recordDefusing)
        var reminders: Set<DefusingReminder> = []
        for value in body.remindersGiven ?? [] {
            guard let reminder = DefusingReminder(rawValue: value) else {
                throw APIError(.unprocessableEntity, "invalid_value", "remindersGiven holds one of \(DefusingReminder.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            reminders.insert(reminder)
        }
        let participants = try body.participants.map { participant in
            var help: PracticalHelp?
            if let value = participant.practicalHelp {
                guard let known = PracticalHelp(rawValue: value) else {
                    throw APIError(.unprocessableEntity, "invalid_value", "practicalHelp is one of \(PracticalHelp.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                help = known
            }
            return DefusingConversation.Answers(personID: participant.personId, wantsColleague: participant.wantsColleague,
                                                needsPracticalHelp: participant.needsPracticalHelp, practicalHelp: help,
                                                hasSomeoneTonight: participant.hasSomeoneTonight)
        }
        let input = DefusingConversations.Input(heldAt: body.heldAt, durationMinutes: body.durationMinutes,
                                                timeline: (body.timeline ?? []).map { DefusingConversation.Fact(at: $0.at, fact: $0.fact) },
                                                reminders: reminders, participants: participants)
        let claim = try Idempotency.claim(.apiDefusing, key: req.headers.first(name: "Idempotency-Key"), request: body, at: req.url.path)
        do {
            return try await APIController.idempotent {
                try await DefusingConversations.record(eventID: eventID, input, claim: claim, answer: { id in
                    Idempotency.Answer(status: 201, location: nil, body: try? APIJSON.string(APIModels.DefusingCreated(id: id)))
                }, in: req.context())
            }.response
        } catch let failure as DefusingConversations.Failure {
            throw failure.apiError
        }
    }

    static func list(_ req: Request) async throws -> APIModels.DefusingList {
        let eventID = try eventID(req)
        do {
            let recorded = try await DefusingConversations.read(eventID: eventID, in: req.context())
            return APIModels.DefusingList(items: recorded.map { conversation in
                APIModels.Defusing(
                    id: conversation.id, heldAt: conversation.heldAt, durationMinutes: conversation.durationMinutes, heldBy: conversation.heldBy,
                    timeline: conversation.timeline.map { .init(at: $0.at, fact: $0.fact) },
                    remindersGiven: conversation.reminders.map(\.rawValue).sorted(),
                    participants: conversation.participants.map {
                        .init(personId: $0.personID, name: $0.name, wantsColleague: $0.wantsColleague, practicalHelp: $0.practicalHelp?.rawValue,
                              hasSomeoneTonight: $0.hasSomeoneTonight)
                    })
            })
        } catch let failure as DefusingConversations.Failure {
            throw failure.apiError
        }
    }

    private static func eventID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get(RouteParameter.eventID, as: UUID.self) else {
            throw APIError(.badRequest, "invalid_id", "The event id must be a UUID.")
        }
        return id
    }
}

extension DefusingConversations.Failure {
    var apiError: APIError {
        switch self {
        case .notFound: .notFound("event")
        case .forbidden: .forbidden
        case .caseClosed: APIError(.conflict, "case_closed", "A participant's pathway is closed; reopen it first.")
        case .invalid(let problem):
            switch problem.kind {
            case .alreadyTookPart: APIError(.conflict, problem.kind.rawValue, problem.apiMessage)
            default: APIError(.unprocessableEntity, problem.kind.rawValue, problem.apiMessage)
            }
        }
    }
}

extension DefusingRules.Problem {
    var apiMessage: String {
        let who = personID.map { " (\($0.uuidString))" } ?? ""
        return switch kind {
        case .notInvolved: "A participant\(who) was not directly involved in the event; only those who were take part."
        case .alreadyTookPart: "A participant\(who) already took part in a defusing conversation of this event."
        case .noParticipants: "participants must name at least one person involved in the event."
        case .duplicateParticipant: "A participant\(who) is named twice."
        case .duration: "durationMinutes must be from \(DefusingRules.minutes.lowerBound) to \(DefusingRules.minutes.upperBound)."
        case .heldInFuture: "heldAt is in the future."
        case .heldBeforeEvent: "heldAt is before the event took place."
        case .factMissing: "Each timeline entry needs a fact."
        case .factTooLong: "A fact is one line of at most \(DefusingRules.factLimit) characters."
        case .tooManyFacts: "The timeline holds at most \(DefusingRules.mostFacts) facts."
        case .holderTakesPart: "You were involved yourself: another leader holds the conversation with you."
        }
    }
}
