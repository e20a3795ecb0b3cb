import Domain
import Fluent
import Foundation
import SQLKit

/// The review's conclusion and the meeting with the patient and family. An established failure offers each
/// involved employee the `apology` step (they choose whether to attend); the meeting completes it for those
/// who said yes.
enum FamilyMeetings {
    enum Failure: Error {
        case notFound
        case forbidden
        case invalid(FamilyMeetingRules.Problem)
        case unknownProposal
        /// The event's meeting of this kind with the family is recorded already: one of each per event.
        case alreadyRecorded
    }

    /// The quality advisor records what the review concluded about the service.
    static func conclude(reviewID: UUID, _ conclusion: ReviewConclusion, in context: ServiceContext) async throws {
        guard AccessPolicy.mayRunReviews(context.user.actor) else { throw Failure.forbidden }
        let org = context.user.organizationID
        guard let row = try await context.db.sql().raw("""
            SELECT event_id FROM \(ident: ReviewSchema.reviews) WHERE organization_id = \(bind: org) AND id = \(bind: reviewID)
            """).first() else { throw Failure.notFound }
        let eventID = try row.decode(column: "event_id", as: UUID.self)
        try await context.transaction { tx in
            let sql = try tx.db.sql()
            try await sql.raw("""
                UPDATE \(ident: ReviewSchema.reviews) SET conclusion = \(bind: conclusion.rawValue) WHERE organization_id = \(bind: org) AND id = \(bind: reviewID)
                """).run()
            if conclusion == .failureEstablished {
                try await follow(eventID: eventID, to: .offered, from: .pending, in: tx)
            }
            try await tx.audit(.update, "learning_review", id: reviewID, subject: nil)
        }
    }

    /// The event's review conclusion, if any: what the form proposes.
    static func conclusion(eventID: UUID, organizationID: UUID, on db: any Database) async throws -> ReviewConclusion? {
        try await db.sql().raw("""
            SELECT conclusion FROM \(ident: ReviewSchema.reviews) WHERE organization_id = \(bind: organizationID) AND event_id = \(bind: eventID)
            """).first()?.decode(column: "conclusion", as: String?.self).flatMap(ReviewConclusion.init(rawValue:))
    }

    static func record(eventID: UUID, heldAt: Date, kind: FamilyMeetingKind, roles: Set<AttendeeRole>, supportPersonID: UUID?, proposalIDs: Set<UUID>,
                       claim: Idempotency.Claim?, answer: @escaping @Sendable (UUID) -> Idempotency.Answer,
                       in context: ServiceContext) async throws -> Idempotency.Outcome<UUID> {
        let org = context.user.organizationID
        guard let event = try await Event.query(on: context.db).filter(\.$organizationID == org).filter(\.$id == eventID).first() else { throw Failure.notFound }
        let subject = EventSubject(organizationID: event.organizationID, unitID: event.unitID)
        switch (AccessPolicy.mayHoldDefusing(context.user.actor, subject), AccessPolicy.mayRunReviews(context.user.actor)) {
        case (.allowed, _), (_, true): break
        case (.notFound, _): throw Failure.notFound
        default: throw Failure.forbidden
        }
        let conclusion = try await conclusion(eventID: eventID, organizationID: org, on: context.db)
        if let problem = FamilyMeetingRules.check(heldAt: heldAt, kind: kind, roles: roles, conclusion: conclusion, eventAt: event.occurredAt, now: context.now) {
            throw Failure.invalid(problem)
        }
        if let supportPersonID, try await Person.query(on: context.db).filter(\.$organizationID == org).filter(\.$id == supportPersonID).first() == nil {
            throw Failure.notFound
        }
        if !proposalIDs.isEmpty {
            // Only adopted proposals of this event's review can have been told to the family.
            let adopted = try await context.db.sql().raw("""
                SELECT x.id FROM \(ident: ReviewSchema.proposals) x JOIN \(ident: ReviewSchema.reviews) r ON r.organization_id = x.organization_id AND r.id = x.review_id
                WHERE x.organization_id = \(bind: org) AND r.event_id = \(bind: eventID) AND x.answer = \(bind: ProposalAnswer.adopted.rawValue)
                """).all().map { try $0.decode(column: "id", as: UUID.self) }
            guard proposalIDs.isSubset(of: Set(adopted)) else { throw Failure.unknownProposal }
        }
        return try await Idempotency.once(claim, in: context) { tx in
            let sql = try tx.db.sql()
            // One meeting of each kind per event (regret, and an apology if the review later finds a failure),
            // checked under the organization's lock so two at once cannot both record it.
            try await tx.db.lockOrganization(org)
            if try await sql.raw("""
                SELECT id FROM \(ident: ReviewSchema.familyMeetings)
                WHERE organization_id = \(bind: org) AND event_id = \(bind: eventID) AND kind = \(bind: kind.rawValue)
                """).first() != nil { throw Failure.alreadyRecorded }
            let id = tx.newID()
            try await sql.insert(into: ReviewSchema.familyMeetings)
                .columns("id", "organization_id", "event_id", "held_at", "kind", "support_person_id", "recorded_by", "recorded_at")
                .values(SQLBind(id), SQLBind(org), SQLBind(eventID), SQLBind(heldAt), SQLBind(kind.rawValue), SQLBind(supportPersonID),
                        SQLBind(tx.user.personID), SQLBind(tx.now)).run()
            var attendees = sql.insert(into: ReviewSchema.familyAttendees).columns("id", "organization_id", "meeting_id", "role")
            for role in roles.sorted(by: { $0.rawValue < $1.rawValue }) {
                attendees = attendees.values(SQLBind(tx.newID()), SQLBind(org), SQLBind(id), SQLBind(role.rawValue))
            }
            try await attendees.run()
            if !proposalIDs.isEmpty {
                var told = sql.insert(into: ReviewSchema.familyProposals).columns("id", "organization_id", "meeting_id", "proposal_id")
                for proposal in proposalIDs.sorted(by: { $0.uuidString < $1.uuidString }) {
                    told = told.values(SQLBind(tx.newID()), SQLBind(org), SQLBind(id), SQLBind(proposal))
                }
                try await told.run()
            }
            // Done for the employees who chose to take part; nobody else's step is touched.
            try await follow(eventID: eventID, to: .done, from: .accepted, in: tx)
            try await tx.audit(.create, "family_meeting", id: id, subject: nil)
            return (id, answer(id))
        }
    }

    /// The `apology` step of every involved person's pathway, moved from one status only.
    private static func follow(eventID: UUID, to target: StepStatus, from current: StepStatus, in tx: ServiceContext) async throws {
        let cases = try await tx.db.sql().raw("""
            SELECT id, person_id FROM cases WHERE organization_id = \(bind: tx.user.organizationID) AND event_id = \(bind: eventID) AND \(CasePredicates.stillInvolved())
            """).all()
        for row in cases {
            try await StepFollow.move(caseID: try row.decode(column: "id", as: UUID.self), organizationID: tx.user.organizationID, key: .apology,
                                      to: target, from: [current], by: tx.user.personID, subject: try row.decode(column: "person_id", as: UUID.self),
                                      outbox: tx)
        }
    }
}
