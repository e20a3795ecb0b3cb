import Foundation
import Vapor

enum APIModels {
    struct TokenRequest: Decodable {
        let username: String
        let password: String
        /// The authenticator app's code (or a recovery code), for accounts that sign in with one.
        let code: String?
    }

    struct TokenResponse: Content {
        let token: String
        let expiresAt: Date
    }

    struct Me: Content {
        let personId: UUID
        let organizationId: UUID
        let roles: [String]
    }

    struct UnitItem: Content {
        let id: UUID
        let name: String
        let parentId: UUID?
    }

    struct PersonItem: Content {
        let id: UUID
        let name: String
        let profession: String
        let unitIds: [UUID]
    }

    struct Page<Item: Content>: Content {
        let items: [Item]
        let page: Int
        let perPage: Int
        let hasMore: Bool
    }

    struct Checklist: Codable {
        let patientSafe: Bool
        let staffSafe: Bool
        let premisesSafe: Bool
        let everyoneInformed: Bool
        let relievedPersonIds: [UUID]?
    }

    /// Codable, so an idempotent repeat is compared by what it says, not by its bytes.
    struct EventRequest: Codable {
        let kind: String
        let severity: String
        let occurredAt: Date
        let unitId: UUID
        let summary: String
        let incidentReportRef: String?
        let involvedPersonIds: [UUID]
        let tags: [String]?
        let defusingAsked: Bool?
        let checklist: Checklist
        /// Needed when `occurredAt` lies more than 30 days back, so a mistyped year is caught.
        let oldDateConfirmed: Bool?
    }

    struct CreatedCase: Content {
        let id: UUID
        let personId: UUID
    }

    struct EventCreated: Content {
        let id: UUID
        let cases: [CreatedCase]
        let defusingRecommendedBy: [String]
    }

    struct Step: Content {
        let key: String
        let phase: String
        let status: String
        let dueAt: Date?
        let doneAt: Date?
        /// Send it back with a change to make the change conditional on this state.
        let version: Int
    }

    struct CaseDetail: Content {
        let id: UUID
        let personId: UUID
        let eventId: UUID?
        let status: String
        let steps: [Step]
    }

    struct StepChange: Decodable {
        let status: String
        /// The version the client decided from; a step changed since answers 409 `conflict`.
        let version: Int?
    }

    struct SupportRequest: Codable {
        /// One of the caller's own pathways; without it a new pathway of their own is opened.
        var caseId: UUID?
        var involveLeader: Bool?
        var sameProfession: Bool?
        var outsideUnit: Bool?
        /// A language the person would like to be supported in, as an ISO 639 code (`da`, `nb`, `fi`, `en`, `pl`, …).
        var language: String?
        /// How the person would like to be reached (`phone`, `email`, `chat`), and the number, address or chat name.
        var reachBy: String?
        var reachAt: String?
    }

    struct SupportRequestCreated: Content {
        struct Suggestion: Content {
            let supporterId: UUID
            let name: String
            let reasons: [String]
        }

        /// The request's id.
        let id: UUID
        let caseId: UUID
        let status: String
        let suggestions: [Suggestion]
    }

    /// A request as its person and its supporter see it: of the event, only its kind and date.
    struct SupportRequestDetail: Content {
        struct Named: Content {
            let id: UUID
            let name: String
        }

        struct EventSummary: Content {
            let kind: String
            let occurredAt: Date
        }

        let id: UUID
        let status: String
        let person: Named
        let supporter: Named?
        let sameProfession: Bool
        let outsideUnit: Bool
        let language: String?
        let event: EventSummary?
        let createdAt: Date
        let offeredAt: Date?
        let respondBy: Date?
        let acceptedAt: Date?
        /// A colleague the supporter proposes to take over, until the person answers.
        let handoverTo: Named?
        let version: Int

        init(_ request: SupportOffers.Request) {
            id = request.id
            status = request.status.rawValue
            person = Named(id: request.personID, name: request.personName)
            supporter = both(request.supporterID, request.supporterName).map { Named(id: $0.0, name: $0.1) }
            sameProfession = request.sameProfession
            outsideUnit = request.outsideUnit
            language = request.language
            event = both(request.eventKind, request.eventAt).map { EventSummary(kind: $0.0.rawValue, occurredAt: $0.1) }
            createdAt = request.createdAt
            offeredAt = request.offeredAt
            respondBy = request.respondBy
            acceptedAt = request.acceptedAt
            handoverTo = both(request.handoverTo, request.handoverName).map { Named(id: $0.0, name: $0.1) }
            version = request.version
        }
    }

    struct SupportRequestList: Content {
        let items: [SupportRequestDetail]
    }

    struct ChooseSupporter: Codable {
        let supporterId: UUID?
        let anyone: Bool?
        let version: Int?
    }

    /// A contact between a supporter and their colleague: when, how, how long, and the next one if agreed.
    struct Contact: Content {
        let id: UUID
        let date: Date
        let channel: String
        let durationMinutes: Int
        let nextContactAt: Date?

        init(_ entry: SupportContacts.Entry) {
            id = entry.id
            date = entry.on
            channel = entry.channel.rawValue
            durationMinutes = entry.durationMinutes
            nextContactAt = entry.nextContactAt
        }
    }

    struct ContactList: Content {
        let items: [Contact]
    }

    struct RecordDefusing: Codable {
        struct Fact: Codable {
            let at: Date
            let fact: String
        }

        struct Participant: Codable {
            let personId: UUID
            let wantsColleague: Bool
            let needsPracticalHelp: Bool
            let practicalHelp: String?
            let hasSomeoneTonight: Bool
        }

        let heldAt: Date
        let durationMinutes: Int
        let timeline: [Fact]?
        let remindersGiven: [String]?
        let participants: [Participant]
    }

    struct DefusingCreated: Content {
        let id: UUID
    }

    struct Defusing: Content {
        struct Participant: Content {
            let personId: UUID
            let name: String
            let wantsColleague: Bool
            let practicalHelp: String?
            let hasSomeoneTonight: Bool
        }

        let id: UUID
        let heldAt: Date
        let durationMinutes: Int
        let heldBy: String
        let timeline: [RecordDefusing.Fact]
        let remindersGiven: [String]
        let participants: [Participant]
    }

    struct DefusingList: Content {
        let items: [Defusing]
    }

    struct LeaderContact: Codable {
        let date: Date
        let channel: String
    }

    struct FollowUpMeeting: Codable {
        let date: Date
        let topics: [String]
        let nextAt: Date?
    }

    struct Adjustment: Codable {
        let kind: String
        let startsOn: Date
        let reviewOn: Date
    }

    struct Created: Content {
        let id: UUID
    }

    struct CreateReview: Codable {
        let eventId: UUID
        let facilitatorId: UUID
        let scheduledAt: Date
    }

    struct Review: Content {
        let id: UUID
        let eventId: UUID
        let eventKind: String
        let eventAt: Date
        let facilitator: String
        let scheduledAt: Date
        let dueAt: Date
        let invited: Int
        let declined: Int
        let proposalsWaiting: Int
        let proposalsOverdue: Int
    }

    struct ReviewList: Content {
        let items: [Review]
    }

    struct AddProposal: Codable {
        let text: String
        let proposedBy: UUID
    }

    struct AnswerProposal: Codable {
        let answer: String
        let reason: String?
        let version: Int?
    }

    struct Proposal: Content {
        let id: UUID
        let text: String
        let proposedBy: UUID
        let answerDue: Date
        let answer: String?
        let reason: String?
        let version: Int
    }

    struct Conclusion: Codable {
        let conclusion: String
    }

    struct FamilyMeeting: Codable {
        let heldAt: Date
        let kind: String
        let attendeeRoles: [String]
        let supportPersonId: UUID?
        let adoptedProposalIds: [UUID]?
    }

    struct LogContact: Codable {
        let date: Date
        let channel: String
        let durationMinutes: Int
        let nextContactAt: Date?
    }

    struct Handover: Codable {
        let supporterId: UUID
        let version: Int?
    }

    struct HandoverAnswer: Codable {
        let agrees: Bool
        let version: Int?
    }

    struct Answer: Codable {
        let version: Int?
    }

    /// A supporter as the coordinator sees them: their load against their cap, never whom they support.
    struct PeerSupporter: Content {
        struct Team: Content {
            let id: UUID
            let name: String
        }

        let id: UUID
        let personId: UUID
        let name: String
        let profession: String
        let teams: [Team]
        let languages: [String]
        let cap: Int
        let load: Int
        let onCallNow: Bool
        let onLeave: Bool
        let trainedOn: Date?
        let nextSupervisionAt: Date?
        let supervisionOverdue: Bool
    }

    struct PeerSupporters: Content {
        let items: [PeerSupporter]
    }

    struct Coverage: Content {
        struct Gap: Content {
            let from: Date
            let to: Date
        }

        let from: Date
        let to: Date
        let gaps: [Gap]
    }

    struct ErrorBody: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
            let current: Current?
        }

        let error: Detail
    }

    /// The state an object is in now, sent with a conflict.
    enum Current: Encodable, Sendable {
        case step(Step)
        case caseStatus(String)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .step(let step): try step.encode(to: encoder)
            case .caseStatus(let status): try ["status": status].encode(to: encoder)
            }
        }
    }
}

extension APIModels.Step {
    init(_ record: StepRecord) {
        self.init(key: record.key.rawValue, phase: record.phase.rawValue, status: record.status.rawValue, dueAt: record.dueAt, doneAt: record.doneAt,
                  version: record.version)
    }
}

extension APIModels {
    /// An instrument in one language: what the person is asked and the answers they can give.
    struct InstrumentView: Content {
        struct Item: Content {
            struct Value: Content {
                let value: Int
                let label: String?
            }

            let key: String
            let text: String
            let scale: [Value]
        }

        let key: String
        let title: String
        let items: [Item]
    }
}
