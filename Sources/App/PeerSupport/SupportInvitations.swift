import Domain
import Fluent
import Foundation
import SQLKit

/// After an event, each involved person is offered peer support in their inbox: a request is opened for their
/// pathway, ready for them to choose someone or to say not now. A job, so that registering the event stays
/// quick and the offer still comes if the process stops in between.
enum SupportInvitations {
    struct Payload: Codable {
        let caseId: UUID
    }

    static let message = "support_invitation"

    static func schedule(caseID: UUID, organizationID: UUID, outbox: some Outbox) async throws {
        let payload = String(decoding: try JSONEncoder().encode(Payload(caseId: caseID)), as: UTF8.self)
        try await JobQueue.enqueue(.supportInvitation, payload: payload, organizationID: organizationID, dueAt: outbox.now, id: outbox.ids(),
                                   now: outbox.now, on: outbox.db)
    }

    /// Opens the request and tells the person, once: a case that has a request already is left alone.
    static func run(_ job: JobQueue.Claimed, context: JobContext) async throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        try await context.db.writeTransaction(gate: context.gate) { db in
            let outbox = context.inside(db)
            let sql = try db.sql()
            guard let open = try await sql.raw("""
                SELECT c.person_id FROM cases c
                WHERE c.organization_id = \(bind: job.organizationID) AND c.id = \(bind: payload.caseId) AND c.status = \(bind: CaseStatus.open.rawValue)
                  AND NOT EXISTS (SELECT 1 FROM \(ident: PeerSupportSchema.requests) r WHERE r.organization_id = c.organization_id AND r.case_id = c.id)
                """).first()
            else { return }
            let person = try open.decode(column: "person_id", as: UUID.self)
            let requestID = outbox.ids()
            // The person may have asked at this very moment: theirs stands.
            guard try await SupportRequestRows.insertOpen(id: requestID, organizationID: job.organizationID, caseID: payload.caseId, personID: person,
                                                          at: outbox.now, on: db) else { return }
            try await PeerSupportStep.follow(caseID: payload.caseId, organizationID: job.organizationID, subject: person, to: .offered, by: nil,
                                             outbox: outbox)
            try await Messages.store([Messages.Outgoing(kind: message, urgency: .normal, recipient: person, organizationID: job.organizationID,
                                                        link: SiteRoute.supportRequest(requestID).path, key: "\(message):\(payload.caseId)", caseID: payload.caseId)],
                                     context: outbox)
            try await outbox.audit(by: nil, .create, "support_request", id: requestID, subject: person, organizationID: job.organizationID)
        }
    }
}
