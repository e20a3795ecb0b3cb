import Domain
import Foundation
import Vapor

extension APIModels {
    struct CheckIn: Content {
        let id: UUID
        let caseId: UUID
        let instrument: String
        let dueAt: Date
        let status: String
        let purpose: String

        init(_ record: CheckInRecord) {
            id = record.id
            caseId = record.caseID
            instrument = record.instrument
            dueAt = record.dueAt
            status = record.status.rawValue
            purpose = record.purpose.rawValue
        }
    }

    struct CheckInList: Content {
        let items: [CheckIn]
    }

    struct CheckInAnswersBody: Content {
        let answers: [String: Int]
        let version: Int?
        /// Who should get in touch when the answers ask for contact; a peer supporter when left out.
        let contactBy: String?
    }

    /// Who will get in touch after a yes to being contacted. `name` is nil when no supporter could be asked
    /// at once and the coordinators were told instead.
    struct ContactArranged: Content {
        let by: String
        let name: String?
    }

    struct CrisisContact: Content {
        let kind: String
        let number: String
    }

    struct CheckInAnswered: Content {
        let redFlag: Bool
        let crisisContacts: [CrisisContact]
        let suggestExternalHelp: Bool
        let contact: ContactArranged?
    }

    struct ReferralBody: Content {
        let serviceId: UUID
        let shareCheckInIds: [UUID]?
        let personAgrees: Bool?
        /// How the person would like the service to reach them (`phone`, `email`, `chat`); the person's own only.
        let reachBy: String?
        let reachAt: String?
    }

    struct ReferralCreated: Content {
        let id: UUID
    }

    struct CaseConsents: Content {
        let caseId: UUID
        let attentionSignalToOwner: Bool?
        let earlierCasesToOwner: Bool?
    }

    struct ConsentsChange: Content {
        let attentionSignalToOwner: Bool?
        let earlierCasesToOwner: Bool?
        let cases: [CaseConsents]?
    }

    /// The person's consents: answers for all their pathways, and answers for single pathways, which win.
    /// A missing answer is not consent.
    struct ConsentsView: Content {
        let attentionSignalToOwner: Bool?
        let earlierCasesToOwner: Bool?
        let cases: [CaseConsents]
    }
}
