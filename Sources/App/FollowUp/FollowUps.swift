import Domain
import Fluent
import Foundation
import SQLKit

/// The responsible leader's records on a pathway, each one transaction with its audit entry and the step it
/// moves: being in touch completes `leader_support`, a follow-up meeting completes `follow_up_meetings` (and
/// plans a reminder for the next one), an adjustment takes `adjustments` on (and plans its review).
enum FollowUps {
    enum Failure: Error {
        case notFound
        case forbidden
        case caseClosed
        case invalid(FollowUpRecords.Problem)
        /// The step it would move is done already, or set aside.
        case notOpen
    }

    struct Payload: Codable {
        let caseId: UUID
        /// `meeting` or `adjustment_review`: what the owner is reminded of.
        let what: String
        let at: Date
    }

    static let meetingDue = "follow_up.meeting_due"
    static let reviewDue = "follow_up.review_due"

    /// Each record is made once per claim: a double tap or a form sent again records one contact, one meeting.
    typealias Answer = @Sendable (UUID) throws -> Idempotency.Answer

    static func logContact(caseID: UUID, on date: Date, channel: ContactChannel, claim: Idempotency.Claim?, answer: @escaping Answer,
                           in context: ServiceContext) async throws -> Idempotency.Outcome<UUID> {
        let loaded = try await authorized(caseID, in: context)
        if let earlier: Idempotency.Outcome<UUID> = try await Idempotency.earlier(claim, in: context) { return earlier }
        if let problem = FollowUpRecords.contact(on: date, openedAt: loaded.record.openedAt, now: context.now) { throw Failure.invalid(problem) }
        return try await Idempotency.once(claim, in: context) { tx in
            let id = tx.newID()
            try await tx.db.sql().insert(into: FollowUpSchema.contacts).columns("id", "organization_id", "case_id", "contact_on", "channel", "logged_by", "logged_at")
                .values(SQLBind(id), SQLBind(tx.user.organizationID), SQLBind(caseID), SQLBind(date), SQLBind(channel.rawValue),
                        SQLBind(tx.user.personID), SQLBind(tx.now)).run()
            try await StepFollow.move(caseID: caseID, organizationID: tx.user.organizationID, key: .leaderSupport, to: .done, by: tx.user.personID,
                                      subject: loaded.record.personID, outbox: tx)
            try await tx.audit(.create, "leader_contact", id: id, subject: loaded.record.personID)
            return (id, try answer(id))
        }
    }

    static func recordMeeting(caseID: UUID, on date: Date, topics: Set<MeetingTopic>, next: Date?, claim: Idempotency.Claim?, answer: @escaping Answer,
                              in context: ServiceContext) async throws -> Idempotency.Outcome<UUID> {
        let loaded = try await authorized(caseID, in: context)
        if let earlier: Idempotency.Outcome<UUID> = try await Idempotency.earlier(claim, in: context) { return earlier }
        if let problem = FollowUpRecords.meeting(on: date, topics: topics, next: next, openedAt: loaded.record.openedAt, now: context.now) {
            throw Failure.invalid(problem)
        }
        return try await Idempotency.once(claim, in: context) { tx in
            let sql = try tx.db.sql()
            let id = tx.newID()
            try await sql.insert(into: FollowUpSchema.meetings).columns("id", "organization_id", "case_id", "held_on", "next_at", "logged_by", "logged_at")
                .values(SQLBind(id), SQLBind(tx.user.organizationID), SQLBind(caseID), SQLBind(date), SQLBind(next), SQLBind(tx.user.personID),
                        SQLBind(tx.now)).run()
            var insert = sql.insert(into: FollowUpSchema.meetingTopics).columns("id", "organization_id", "meeting_id", "topic")
            for topic in topics.sorted(by: { $0.rawValue < $1.rawValue }) {
                insert = insert.values(SQLBind(tx.newID()), SQLBind(tx.user.organizationID), SQLBind(id), SQLBind(topic.rawValue))
            }
            try await insert.run()
            try await StepFollow.move(caseID: caseID, organizationID: tx.user.organizationID, key: .followUpMeetings, to: .done, by: tx.user.personID,
                                      subject: loaded.record.personID, outbox: tx)
            if let next { try await remind(caseID: caseID, what: "meeting", at: next, in: tx) }
            try await tx.audit(.create, "follow_up_meeting", id: id, subject: loaded.record.personID)
            return (id, try answer(id))
        }
    }

    static func recordAdjustment(caseID: UUID, kind: AdjustmentKind, startsOn start: Date, reviewOn review: Date, claim: Idempotency.Claim?,
                                 answer: @escaping Answer, in context: ServiceContext) async throws -> Idempotency.Outcome<UUID> {
        let loaded = try await authorized(caseID, in: context)
        if let earlier: Idempotency.Outcome<UUID> = try await Idempotency.earlier(claim, in: context) { return earlier }
        if let problem = FollowUpRecords.adjustment(startsOn: start, reviewOn: review, openedAt: loaded.record.openedAt, now: context.now) {
            throw Failure.invalid(problem)
        }
        return try await Idempotency.once(claim, in: context) { tx in
            let id = tx.newID()
            try await tx.db.sql().insert(into: FollowUpSchema.adjustments)
                .columns("id", "organization_id", "case_id", "kind", "starts_on", "review_on", "logged_by", "logged_at")
                .values(SQLBind(id), SQLBind(tx.user.organizationID), SQLBind(caseID), SQLBind(kind.rawValue), SQLBind(start), SQLBind(review),
                        SQLBind(tx.user.personID), SQLBind(tx.now)).run()
            try await StepFollow.move(caseID: caseID, organizationID: tx.user.organizationID, key: .adjustments, to: .accepted, by: tx.user.personID,
                                      subject: loaded.record.personID, outbox: tx)
            try await remind(caseID: caseID, what: "adjustment_review", at: review, in: tx)
            try await tx.audit(.create, "adjustment", id: id, subject: loaded.record.personID)
            return (id, try answer(id))
        }
    }

    /// What the leader recorded on a pathway, newest first, as lines under their steps: one query.
    struct Recorded: Sendable {
        let key: StepKey
        let at: Date
        /// The channel of a contact, the kind of an adjustment; a meeting has its subjects counted.
        let detail: String
        let until: Date?
    }

    static func recorded(caseID: UUID, organizationID: UUID, on db: any Database) async throws -> [Recorded] {
        try await db.sql().raw("""
            SELECT 'contact' AS part, contact_on AS at, channel AS detail, CAST(NULL AS TEXT) AS until_text, contact_on AS until_at
            FROM \(ident: FollowUpSchema.contacts) WHERE organization_id = \(bind: organizationID) AND case_id = \(bind: caseID)
            UNION ALL
            SELECT 'meeting', m.held_on, CAST((SELECT COUNT(*) FROM \(ident: FollowUpSchema.meetingTopics) t WHERE t.organization_id = m.organization_id
                                                AND t.meeting_id = m.id) AS TEXT), 'next', m.next_at
            FROM \(ident: FollowUpSchema.meetings) m WHERE m.organization_id = \(bind: organizationID) AND m.case_id = \(bind: caseID)
            UNION ALL
            SELECT 'adjustment', starts_on, kind, 'review', review_on
            FROM \(ident: FollowUpSchema.adjustments) WHERE organization_id = \(bind: organizationID) AND case_id = \(bind: caseID)
            LIMIT 300
            """).all().compactMap { row -> Recorded? in
            let key: StepKey
            switch try row.decode(column: "part", as: String.self) {
            case "contact": key = .leaderSupport
            case "meeting": key = .followUpMeetings
            default: key = .adjustments
            }
            let hasUntil = try row.decode(column: "until_text", as: String?.self) != nil
            return Recorded(key: key, at: try row.decode(column: "at", as: Date.self), detail: try row.decode(column: "detail", as: String.self),
                            until: hasUntil ? try row.decode(column: "until_at", as: Date?.self) : nil)
        }.sorted { $0.at > $1.at }
    }

    static let reportingHelp = "reporting_help"

    /// The person asks for help with reporting the event: the reporting step becomes their leader's task, due
    /// within a day, and the leader is told. Asking twice tells the leader once.
    static func askReportingHelp(caseID: UUID, in context: ServiceContext) async throws {
        let loaded: CaseService.Loaded
        do {
            loaded = try await CaseService.load(caseID: caseID, in: context)
        } catch {
            throw Failure.notFound
        }
        guard loaded.record.personID == context.user.personID else {
            throw AccessPolicy.decide(context.user.actor, .view, loaded.subject) == .allowed ? Failure.forbidden : Failure.notFound
        }
        guard loaded.record.status == .open else { throw Failure.caseClosed }
        guard loaded.record.eventID != nil, let owner = loaded.record.ownerID,
              loaded.steps.first(where: { $0.key == .reporting })?.status.isOpen == true
        else { throw Failure.notOpen }
        let due = context.now.addingTimeInterval(86_400)
        try await context.transaction { tx in
            try await StepFollow.move(caseID: caseID, organizationID: tx.user.organizationID, key: .reporting, to: .accepted, by: tx.user.personID,
                                      subject: loaded.record.personID, outbox: tx)
            try await tx.db.sql().raw("""
                UPDATE pathway_steps SET due_at = \(bind: due)
                WHERE organization_id = \(bind: tx.user.organizationID) AND case_id = \(bind: caseID) AND key = \(bind: StepKey.reporting.rawValue)
                  AND status IN (\(binds: StepStatus.open.map(\.rawValue))) AND (due_at IS NULL OR due_at > \(bind: due))
                """).run()
            try await Messages.store([Messages.Outgoing(kind: reportingHelp, urgency: .normal, recipient: owner, organizationID: tx.user.organizationID,
                                                        link: SiteRoute.caseDetail(caseID).path, key: "\(reportingHelp):\(caseID)", caseID: caseID)],
                                     context: tx)
            try await tx.audit(.update, "reporting_help", id: caseID, subject: loaded.record.personID)
        }
    }

    /// The job: the owner of a pathway that is still open is reminded of the meeting or the review, once.
    static func run(_ job: JobQueue.Claimed, context: JobContext) async throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        guard let row = try await context.db.sql().raw("""
            SELECT owner_id FROM cases WHERE organization_id = \(bind: job.organizationID) AND id = \(bind: payload.caseId)
              AND status = \(bind: CaseStatus.open.rawValue) AND owner_id IS NOT NULL
            """).first() else { return }
        let kind = payload.what == "meeting" ? meetingDue : reviewDue
        try await Messages.send(.init(kind: kind, urgency: .normal, recipient: try row.decode(column: "owner_id", as: UUID.self),
                                      organizationID: job.organizationID, link: SiteRoute.caseDetail(payload.caseId).path,
                                      key: "\(job.kind):\(job.id)", caseID: payload.caseId), context: context)
    }

    /// Planned for the morning of the day before, so there is time to arrange it; at once if that has passed.
    private static func remind(caseID: UUID, what: String, at date: Date, in tx: ServiceContext) async throws {
        let payload = String(decoding: try JSONEncoder().encode(Payload(caseId: caseID, what: what, at: date)), as: UTF8.self)
        try await JobQueue.enqueue(.followUpDue, payload: payload, organizationID: tx.user.organizationID,
                                   dueAt: max(tx.now, date.addingTimeInterval(-86_400)), id: tx.newID(), now: tx.now, on: tx.db)
    }

    private static func authorized(_ caseID: UUID, in context: ServiceContext) async throws -> CaseService.Loaded {
        let loaded: CaseService.Loaded
        do {
            loaded = try await CaseService.load(caseID: caseID, in: context)
        } catch {
            throw Failure.notFound
        }
        switch AccessPolicy.decide(context.user.actor, .manageSteps, loaded.subject) {
        case .allowed: break
        case .notFound: throw Failure.notFound
        case .forbidden: throw Failure.forbidden
        }
        guard loaded.record.status == .open else { throw Failure.caseClosed }
        return loaded
    }
}
