import Domain
import Fluent
import Foundation
import SQLKit

/// Learning reviews, owned by quality advisors: one per event, led by a facilitator who supports nobody involved,
/// with the involved people invited (each may decline) and every improvement proposal answered by its due date.
enum LearningReviews {
    enum Failure: Error {
        case notFound
        case forbidden
        case invalid(LearningReviewRules.Problem)
        /// The event has its review already.
        case exists
        /// The proposal changed since it was shown.
        case changed
    }

    struct Review: Sendable {
        let id: UUID
        let eventID: UUID
        /// The event's unit: whose leaders may read the review.
        let unitID: UUID
        let eventKind: EventKind
        let eventAt: Date
        let facilitatorName: String
        let scheduledAt: Date
        let dueAt: Date
        let invited: Int
        let declined: Int
        let waiting: Int
        let overdue: Int
        let conclusion: ReviewConclusion?
    }

    struct Proposal: Sendable {
        let id: UUID
        let reviewID: UUID
        let text: String
        let proposedBy: UUID
        let proposedByName: String
        let proposedAt: Date
        let answerDue: Date
        let answer: ProposalAnswer?
        let reason: String?
        let answeredAt: Date?
        let version: Int
        let eventKind: EventKind
        let eventAt: Date
        let unitID: UUID
    }

    static let messageAnswered = "proposal_answered"
    static let messageInvited = "review_invited"

    static func create(eventID: UUID, facilitatorID: UUID, scheduledAt: Date, claim: Idempotency.Claim?,
                       answer: @escaping @Sendable (UUID) -> Idempotency.Answer, in context: ServiceContext) async throws -> Idempotency.Outcome<UUID> {
        try requireQuality(context)
        let org = context.user.organizationID
        guard let event = try await Event.query(on: context.db).filter(\.$organizationID == org).filter(\.$id == eventID).first() else { throw Failure.notFound }
        guard try await Person.query(on: context.db).filter(\.$organizationID == org).filter(\.$id == facilitatorID).first() != nil else {
            throw Failure.notFound
        }
        if scheduledAt > context.now.addingTimeInterval(366 * 86_400) { throw Failure.invalid(.scheduledTooFar) }
        if scheduledAt < event.occurredAt { throw Failure.invalid(.scheduledBeforeEvent) }
        let sql = try context.db.sql()
        // An event with its review answers that before anything about who supports whom is looked at.
        if try await sql.raw("SELECT id FROM \(ident: ReviewSchema.reviews) WHERE organization_id = \(bind: org) AND event_id = \(bind: eventID)").first() != nil {
            throw Failure.exists
        }
        let involved = try await checkFacilitator(facilitatorID, eventID: eventID, organizationID: org, on: context.db)
        let dueAt = LearningReviewRules.dueAt(eventAt: event.occurredAt, severity: event.severity, timeZone: context.user.timeZone)
        let invitees = Set(involved).sorted { $0.uuidString < $1.uuidString }
        do {
            return try await Idempotency.once(claim, in: context) { tx in
                // Checked again under the facilitator's supporter row, which an offer to them locks too: a request offered
                // to them at this moment and this review cannot both go through.
                try await tx.db.lockSupporter("person_id = \(bind: facilitatorID)", organizationID: org)
                _ = try await checkFacilitator(facilitatorID, eventID: eventID, organizationID: org, on: tx.db)
                if let existing = try await tx.db.sql().raw("""
                    SELECT id FROM \(ident: ReviewSchema.reviews) WHERE organization_id = \(bind: org) AND event_id = \(bind: eventID)
                    """).first() {
                    _ = existing
                    throw Failure.exists
                }
                let id = tx.newID()
                let sql = try tx.db.sql()
                try await sql.insert(into: ReviewSchema.reviews)
                    .columns("id", "organization_id", "event_id", "owner_id", "facilitator_id", "scheduled_at", "due_at", "created_at")
                    .values(SQLBind(id), SQLBind(org), SQLBind(eventID), SQLBind(tx.user.personID), SQLBind(facilitatorID), SQLBind(scheduledAt),
                            SQLBind(dueAt), SQLBind(tx.now)).run()
                if !invitees.isEmpty {
                    var invitations = sql.insert(into: ReviewSchema.invitations).columns("id", "organization_id", "review_id", "person_id")
                    for person in invitees {
                        invitations = invitations.values(SQLBind(tx.newID()), SQLBind(org), SQLBind(id), SQLBind(person))
                    }
                    try await invitations.run()
                    let cases = try await sql.raw("""
                        SELECT id, person_id FROM cases WHERE organization_id = \(bind: org) AND event_id = \(bind: eventID) AND \(CasePredicates.stillInvolved())
                        """).all()
                    // Each involved person's step is offered, due by the review's date: they may take part, or decline without a reason.
                    for row in cases {
                        let caseID = try row.decode(column: "id", as: UUID.self)
                        guard try await StepFollow.move(caseID: caseID, organizationID: org, key: .learningReview, to: .offered, from: [.pending],
                                                        by: tx.user.personID, subject: try row.decode(column: "person_id", as: UUID.self), outbox: tx)
                        else { continue }
                        try await sql.raw("""
                            UPDATE pathway_steps SET due_at = \(bind: dueAt)
                            WHERE organization_id = \(bind: org) AND case_id = \(bind: caseID) AND key = \(bind: StepKey.learningReview.rawValue)
                            """).run()
                    }
                    try await Messages.store(try cases.map { row in
                        let caseID = try row.decode(column: "id", as: UUID.self)
                        return Messages.Outgoing(kind: messageInvited, urgency: .normal, recipient: try row.decode(column: "person_id", as: UUID.self),
                                                 organizationID: org, link: SiteRoute.caseDetail(caseID).path, key: "\(messageInvited):\(id):\(caseID)",
                                                 caseID: caseID)
                    }, context: tx)
                }
                try await tx.audit(.create, "learning_review", id: id, subject: nil)
                return (id, answer(id))
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two advisors creating the event's review at once: the second meets the one-review-per-event key.
            throw Failure.exists
        }
    }

    /// The people involved in the event, once the facilitator is known to be none of them and to support none of
    /// them (as their peer supporter or the owner of one of their pathways).
    private static func checkFacilitator(_ facilitatorID: UUID, eventID: UUID, organizationID org: UUID, on db: any Database) async throws -> [UUID] {
        // Who supports the involved people now, in any of their pathways (a self-referral too): their peer
        // supporters and the owners of their pathways.
        let active = SupportRequestStatus.allCases.filter(\.isActive).map(\.rawValue)
        let supporting = try await db.sql().raw("""
            SELECT 'supporter' AS part, sp.person_id FROM cases c
            JOIN cases theirs ON theirs.organization_id = c.organization_id AND theirs.person_id = c.person_id
            JOIN \(ident: PeerSupportSchema.requests) r ON r.organization_id = theirs.organization_id AND r.case_id = theirs.id AND r.status IN (\(binds: active))
            JOIN \(ident: PeerSupportSchema.profiles) sp ON sp.organization_id = r.organization_id AND sp.id = r.supporter_id
            WHERE c.organization_id = \(bind: org) AND c.event_id = \(bind: eventID) AND \(CasePredicates.stillInvolved("c"))
            UNION ALL
            SELECT 'owner', theirs.owner_id FROM cases c
            JOIN cases theirs ON theirs.organization_id = c.organization_id AND theirs.person_id = c.person_id
              AND (theirs.id = c.id OR theirs.status = \(bind: CaseStatus.open.rawValue))
            WHERE c.organization_id = \(bind: org) AND c.event_id = \(bind: eventID) AND \(CasePredicates.stillInvolved("c")) AND theirs.owner_id IS NOT NULL
            UNION ALL
            SELECT 'involved', c.person_id FROM cases c WHERE c.organization_id = \(bind: org) AND c.event_id = \(bind: eventID) AND \(CasePredicates.stillInvolved("c"))
            """).all()
        var supporters: Set<UUID> = [], owners: Set<UUID> = [], involved: [UUID] = []
        for row in supporting {
            let person = try row.decode(column: "person_id", as: UUID.self)
            switch try row.decode(column: "part", as: String.self) {
            case "supporter": supporters.insert(person)
            case "owner": owners.insert(person)
            default: involved.append(person)
            }
        }
        if Set(involved).contains(facilitatorID) { throw Failure.invalid(.facilitatorInvolved) }
        if let problem = LearningReviewRules.facilitator(facilitatorID, supportersOfInvolved: supporters, ownersOfInvolved: owners) {
            throw Failure.invalid(problem)
        }
        return involved
    }

    /// The organization's reviews with their proposals' counts, soonest due first; `unanswered` keeps those with
    /// proposals still waiting. Two queries.
    static func list(unanswered: Bool, in context: ServiceContext) async throws -> [Review] {
        try requireQuality(context)
        return try await rows(unanswered: unanswered, only: nil, in: context)
    }

    private static func rows(unanswered: Bool, only id: UUID?, in context: ServiceContext) async throws -> [Review] {
        let org = context.user.organizationID
        let waiting = [ProposalAnswer.inProgress.rawValue]
        // Filtered in the query, so a review far down the list is still found and "unanswered" is not cut short.
        let one: SQLQueryString = if let id { "AND r.id = \(bind: id)" } else { "" }
        let open: SQLQueryString = unanswered ? """
            AND EXISTS (SELECT 1 FROM \(ident: ReviewSchema.proposals) x WHERE x.organization_id = r.organization_id AND x.review_id = r.id
                          AND (x.answer IS NULL OR x.answer IN (\(binds: waiting))))
            """ : ""
        let rows = try await context.db.sql().raw("""
            SELECT r.id, r.event_id, e.unit_id, e.kind, e.occurred_at, p.name AS facilitator, r.scheduled_at, r.due_at, r.conclusion,
              (SELECT COUNT(*) FROM \(ident: ReviewSchema.invitations) i WHERE i.organization_id = r.organization_id AND i.review_id = r.id) AS invited,
              (SELECT COUNT(*) FROM \(ident: ReviewSchema.invitations) i WHERE i.organization_id = r.organization_id AND i.review_id = r.id
                 AND i.declined_at IS NOT NULL) AS declined,
              (SELECT COUNT(*) FROM \(ident: ReviewSchema.proposals) x WHERE x.organization_id = r.organization_id AND x.review_id = r.id
                 AND (x.answer IS NULL OR x.answer IN (\(binds: waiting)))) AS waiting,
              (SELECT COUNT(*) FROM \(ident: ReviewSchema.proposals) x WHERE x.organization_id = r.organization_id AND x.review_id = r.id
                 AND (x.answer IS NULL OR x.answer IN (\(binds: waiting))) AND x.answer_due < \(bind: context.now)) AS overdue
            FROM \(ident: ReviewSchema.reviews) r
            JOIN events e ON e.organization_id = r.organization_id AND e.id = r.event_id
            JOIN people p ON p.organization_id = r.organization_id AND p.id = r.facilitator_id
            WHERE r.organization_id = \(bind: org) \(one) \(open)
            ORDER BY r.due_at, r.id
            LIMIT 200
            """).all()
        let reviews = try rows.map { row in
            Review(id: try row.decode(column: "id", as: UUID.self), eventID: try row.decode(column: "event_id", as: UUID.self),
                   unitID: try row.decode(column: "unit_id", as: UUID.self), eventKind: try row.decode(column: "kind", as: EventKind.self), eventAt: try row.decode(column: "occurred_at", as: Date.self),
                   facilitatorName: try row.decode(column: "facilitator", as: String.self), scheduledAt: try row.decode(column: "scheduled_at", as: Date.self),
                   dueAt: try row.decode(column: "due_at", as: Date.self), invited: try row.decode(column: "invited", as: Int.self),
                   declined: try row.decode(column: "declined", as: Int.self), waiting: try row.decode(column: "waiting", as: Int.self),
                   overdue: try row.decode(column: "overdue", as: Int.self),
                   conclusion: try row.decode(column: "conclusion", as: String?.self).flatMap(ReviewConclusion.init(rawValue:)))
        }
        return reviews
    }

    /// A review with its proposals, for a quality advisor.
    static func detail(_ id: UUID, in context: ServiceContext) async throws -> (Review, [Proposal]) {
        guard let review = try await rows(unanswered: false, only: id, in: context).first else { throw Failure.notFound }
        switch AccessPolicy.mayReadReview(context.user.actor, EventSubject(organizationID: context.user.organizationID, unitID: review.unitID)) {
        case .allowed: break
        case .notFound: throw Failure.notFound
        case .forbidden: throw Failure.forbidden
        }
        return (review, try await proposals(where: "x.review_id = \(bind: id)", in: context))
    }

    static func proposals(where condition: SQLQueryString, in context: ServiceContext) async throws -> [Proposal] {
        try await context.db.sql().raw("""
            SELECT x.id, x.review_id, x.text, x.proposed_by, p.name, x.proposed_at, x.answer_due, x.answer, x.reason, x.answered_at, x.version,
              e.kind, e.occurred_at, e.unit_id
            FROM \(ident: ReviewSchema.proposals) x
            JOIN people p ON p.organization_id = x.organization_id AND p.id = x.proposed_by
            JOIN \(ident: ReviewSchema.reviews) r ON r.organization_id = x.organization_id AND r.id = x.review_id
            JOIN events e ON e.organization_id = r.organization_id AND e.id = r.event_id
            WHERE x.organization_id = \(bind: context.user.organizationID) AND \(condition)
            ORDER BY x.proposed_at, x.id
            LIMIT 500
            """).all().map { row in
            Proposal(id: try row.decode(column: "id", as: UUID.self), reviewID: try row.decode(column: "review_id", as: UUID.self),
                     text: try row.decode(column: "text", as: String.self), proposedBy: try row.decode(column: "proposed_by", as: UUID.self),
                     proposedByName: try row.decode(column: "name", as: String.self), proposedAt: try row.decode(column: "proposed_at", as: Date.self),
                     answerDue: try row.decode(column: "answer_due", as: Date.self),
                     answer: try row.decode(column: "answer", as: String?.self).flatMap(ProposalAnswer.init(rawValue:)),
                     reason: try row.decode(column: "reason", as: String?.self), answeredAt: try row.decode(column: "answered_at", as: Date?.self),
                     version: try row.decode(column: "version", as: Int.self), eventKind: try row.decode(column: "kind", as: EventKind.self),
                     eventAt: try row.decode(column: "occurred_at", as: Date.self), unitID: try row.decode(column: "unit_id", as: UUID.self))
        }
    }

    static func addProposal(reviewID: UUID, text: String, proposedBy: UUID, claim: Idempotency.Claim?,
                            answer: @escaping @Sendable (UUID) -> Idempotency.Answer, in context: ServiceContext) async throws -> Idempotency.Outcome<UUID> {
        try requireQuality(context)
        let org = context.user.organizationID
        guard try await context.db.sql().raw("""
            SELECT id FROM \(ident: ReviewSchema.reviews) WHERE organization_id = \(bind: org) AND id = \(bind: reviewID)
            """).first() != nil else { throw Failure.notFound }
        guard try await Person.query(on: context.db).filter(\.$organizationID == org).filter(\.$id == proposedBy).first() != nil else {
            throw Failure.invalid(.notInvolved)
        }
        let checked: String
        switch LearningReviewRules.proposal(text) {
        case .success(let value): checked = value
        case .failure(let problem): throw Failure.invalid(problem)
        }
        return try await Idempotency.once(claim, in: context) { tx in
            let id = tx.newID()
            try await tx.db.sql().insert(into: ReviewSchema.proposals)
                .columns("id", "organization_id", "review_id", "text", "proposed_by", "proposed_at", "answer_due", "version")
                .values(SQLBind(id), SQLBind(org), SQLBind(reviewID), SQLBind(checked), SQLBind(proposedBy), SQLBind(tx.now),
                        SQLBind(LearningReviewRules.answerDue(proposedAt: tx.now)), SQLBind(1)).run()
            try await tx.audit(.create, "review_proposal", id: id, subject: proposedBy)
            return (id, answer(id))
        }
    }

    /// Answers a proposal, conditional on the version it was decided from; the person who proposed it is told.
    static func answer(reviewID: UUID?, proposalID: UUID, _ answer: ProposalAnswer, reason: String?, version: Int?, in context: ServiceContext) async throws -> Proposal {
        try requireQuality(context)
        guard let proposal = try await proposals(where: "x.id = \(bind: proposalID)", in: context).first, reviewID == nil || proposal.reviewID == reviewID else {
            throw Failure.notFound
        }
        if let version, version != proposal.version { throw Failure.changed }
        let checkedReason: String?
        switch LearningReviewRules.answer(answer, reason: reason, current: proposal.answer) {
        case .success(let value): checkedReason = value
        case .failure(let problem): throw Failure.invalid(problem)
        }
        try await context.transaction { tx in
            let updated = try await tx.db.sql().raw("""
                UPDATE \(ident: ReviewSchema.proposals) SET answer = \(bind: answer.rawValue), reason = \(bind: checkedReason), answered_at = \(bind: tx.now),
                  answered_by = \(bind: tx.user.personID), version = version + 1
                WHERE organization_id = \(bind: tx.user.organizationID) AND id = \(bind: proposalID) AND version = \(bind: proposal.version)
                RETURNING id
                """).all()
            guard !updated.isEmpty else { throw Failure.changed }
            try await Messages.store([Messages.Outgoing(kind: messageAnswered, urgency: .normal, recipient: proposal.proposedBy,
                                                        organizationID: tx.user.organizationID, link: SiteRoute.proposal(proposalID).path,
                                                        key: "\(messageAnswered):\(proposalID):\(proposal.version + 1)")], context: tx)
            try await tx.audit(.update, "review_proposal", id: proposalID, subject: proposal.proposedBy)
        }
        guard let fresh = try await proposals(where: "x.id = \(bind: proposalID)", in: context).first else { throw Failure.notFound }
        return fresh
    }

    /// A proposal as its proposer (or a quality advisor) sees it: what they proposed and the answer.
    static func proposalForProposer(_ id: UUID, in context: ServiceContext) async throws -> Proposal {
        guard let proposal = try await proposals(where: "x.id = \(bind: id)", in: context).first else { throw Failure.notFound }
        let event = EventSubject(organizationID: context.user.organizationID, unitID: proposal.unitID)
        guard proposal.proposedBy == context.user.personID || AccessPolicy.mayReadReview(context.user.actor, event) == .allowed else { throw Failure.forbidden }
        try await context.audit(.read, "review_proposal", id: id, subject: proposal.proposedBy)
        return proposal
    }

    /// How many proposals wait for an answer, and how many are past their due date: the coordinator's figure.
    static func waitingCounts(organizationID: UUID, now: Date, on db: any Database) async throws -> (waiting: Int, overdue: Int) {
        let row = try await db.sql().raw("""
            SELECT COUNT(*) AS waiting, COALESCE(SUM(CASE WHEN answer_due < \(bind: now) THEN 1 ELSE 0 END), 0) AS overdue
            FROM \(ident: ReviewSchema.proposals)
            WHERE organization_id = \(bind: organizationID) AND (answer IS NULL OR answer = \(bind: ProposalAnswer.inProgress.rawValue))
            """).first()
        return (try row?.decode(column: "waiting", as: Int.self) ?? 0, try row?.decode(column: "overdue", as: Int.self) ?? 0)
    }

    private static func requireQuality(_ context: ServiceContext) throws {
        guard AccessPolicy.mayRunReviews(context.user.actor) else { throw Failure.forbidden }
    }
}
