import Domain
import Fluent
import Foundation
import SQLKit

/// A leader asks for a peer supporter on the person's behalf, once the person agreed: the best match is told
/// at once and the person learns who, in their inbox. The request is then the person's and the supporter's;
/// the leader sees no more of it than the pathway's step.
enum SupportOnBehalf {
    enum Failure: Error {
        case needsAgreement
        case notFound
        case forbidden
        case caseClosed
        /// A supporter is already asked or has taken it on.
        case underWay
    }

    static let message = "support_on_behalf"

    @discardableResult
    static func ask(caseID: UUID, personAgreed: Bool, afterDefusingOf event: EventSubject? = nil, in context: ServiceContext) async throws -> UUID {
        guard personAgreed else { throw Failure.needsAgreement }
        let loaded: CaseService.Loaded
        do {
            loaded = try await CaseService.load(caseID: caseID, in: context)
        } catch {
            throw Failure.notFound
        }
        // A yes heard in the event's defusing conversation counts for that event's pathway only.
        let defusing = loaded.record.eventID != nil ? event : nil
        switch AccessPolicy.mayAskSupportOnBehalf(context.user.actor, loaded.subject, afterDefusingOf: defusing) {
        case .allowed: break
        case .notFound: throw Failure.notFound
        case .forbidden: throw Failure.forbidden
        }
        guard loaded.record.status == .open else { throw Failure.caseClosed }
        let person = loaded.record.personID, organizationID = context.user.organizationID
        let existing = try await SupportOffers.latest(caseID: caseID, organizationID: organizationID, on: context.db)
        if let existing, existing.status == .offered || existing.status == .accepted { throw Failure.underWay }
        // One supporter per person: someone already supported in another pathway (their own request, say) is not
        // given a second one. Their supporter hears that they would like to talk, and nothing else changes, so a
        // pathway the person keeps from leaders is not revealed by a different answer here.
        if let elsewhere = try await SupportOffers.mine(personID: person, organizationID: organizationID, on: context.db)
            .first(where: { $0.personID == person && $0.caseID != caseID && $0.status.isActive }), let supporter = elsewhere.supporterPersonID {
            try await Messages.store([Messages.Outgoing(kind: ContactWishes.supporterKind, urgency: .urgent, recipient: supporter, organizationID: organizationID,
                                                        link: SiteRoute.supportRequest(elsewhere.id).path, key: "\(ContactWishes.supporterKind):\(caseID)",
                                                        caseID: elsewhere.caseID)], context: context)
            // The step moves as it would have, so the leader's page reads the same either way.
            try await PeerSupportStep.follow(caseID: caseID, organizationID: organizationID, subject: person, to: .accepted, by: context.user.personID,
                                             outbox: context)
            return elsewhere.id
        }
        let asking = try await SupportPassOn.asking(personID: person, organizationID: organizationID, on: context.db)
        let match = try await MatchingInput.load(existing?.wishes ?? SupportRequests.Wishes(), for: asking,
                                                 leader: try await Leaders.nearest(to: person, organizationID: organizationID, on: context.db),
                                                 passedBy: [], caseID: caseID, now: context.now, on: context.db)
        let best = match.suggestions().first.flatMap { best in match.pool.first { $0.candidate.id == best.supporterID } }
        return try await context.transaction { tx in
            let sql = try tx.db.sql()
            let request: SupportOffers.Request
            if let existing {
                request = existing
                // Recorded beside the person's own earlier request; the offer below moves its version on.
                try await sql.raw("""
                    UPDATE \(ident: PeerSupportSchema.requests) SET requested_by = \(bind: tx.user.personID), agreed_at = \(bind: tx.now)
                    WHERE organization_id = \(bind: organizationID) AND id = \(bind: existing.id) AND version = \(bind: existing.version)
                    """).run()
            } else {
                let id = tx.newID()
                guard try await SupportRequestRows.insertOpen(id: id, organizationID: organizationID, caseID: caseID, personID: person,
                                                              requestedBy: tx.user.personID, at: tx.now, on: tx.db) else { throw Failure.underWay }
                guard let created = try await SupportOffers.find(id, organizationID: organizationID, on: tx.db) else { throw Failure.notFound }
                request = created
                try await tx.audit(.create, "support_request", id: id, subject: person)
            }
            if let best {
                guard try await SupportOffers.offer(request, to: best, outbox: tx) == .offered else { throw Failure.underWay }
                try await PeerSupportStep.follow(caseID: caseID, organizationID: organizationID, subject: person, to: .accepted,
                                                 by: tx.user.personID, outbox: tx)
            }
            // The invitation to choose someone is overtaken: two messages about one request must not contradict.
            try await Messages.settle([SupportInvitations.message], recipient: person, organizationID: organizationID, caseID: caseID, context: tx)
            try await Messages.store([Messages.Outgoing(kind: message, urgency: .normal, recipient: person, organizationID: organizationID,
                                                        link: SiteRoute.supportRequest(request.id).path,
                                                        key: "\(message):\(request.id):\(request.version)", caseID: caseID)], context: tx)
            try await tx.audit(.update, "support_request", id: request.id, subject: person)
            return request.id
        }
    }
}
