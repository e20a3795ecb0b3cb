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
    }

    struct CrisisContact: Content {
        let kind: String
        let number: String
    }

    struct CheckInAnswered: Content {
        let redFlag: Bool
        let crisisContacts: [CrisisContact]
        let suggestExternalHelp: Bool
    }

    struct ReferralBody: Content {
        let serviceId: UUID
        let shareCheckInIds: [UUID]?
        let personAgrees: Bool?
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
