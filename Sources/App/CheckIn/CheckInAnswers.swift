import Domain
import Fluent
import Foundation
import SQLKit

/// Answering, skipping and reading one's own check-ins. Every function here acts for the person who owns the
/// check-in and nobody else: for anyone else a check-in does not exist.
enum CheckInAnswers {
    enum Failure: Error, Equatable {
        case notFound
        /// Its day has not come yet.
        case notYetDue(CheckInRecord)
        /// Answered or skipped already (perhaps from another device); this is how it stands.
        case alreadyDone(CheckInRecord)
        /// A follow-up check-in of a closed pathway; the anniversary's stays open.
        case caseClosed
        /// The instrument's file is no longer there (an organization's own file was removed).
        case instrumentMissing
        case invalid(Instrument.AnswerProblem)
    }

    struct Outcome: Sendable, Equatable {
        let checkIn: CheckInRecord
        let redFlag: Bool
        /// The answer page opens with the crisis numbers and the ways to help: a red flag or strong reactions.
        let crisisHelp: Bool
        let suggestsExternalHelp: Bool
        /// Who will get in touch, when the person asked to be contacted.
        var contact: ContactWishes.Outcome? = nil
    }

    /// The person's own check-ins, newest due first.
    static func own(personID: UUID, organizationID: UUID, on db: any Database) async throws -> [CheckInRecord] {
        try await db.sql().raw("""
            SELECT \(unsafeRaw: CheckInRecord.columns) FROM check_ins ci
            WHERE ci.organization_id = \(bind: organizationID) AND ci.person_id = \(bind: personID) ORDER BY ci.due_at DESC
            """).all().map(CheckInRecord.init(row:))
    }

    /// One of the person's own check-ins; nil for anyone else's.
    static func ownOne(_ id: UUID, in context: ServiceContext) async throws -> CheckInRecord? {
        guard let record = try await context.db.sql().raw("""
            SELECT \(unsafeRaw: CheckInRecord.columns) FROM check_ins ci WHERE ci.organization_id = \(bind: context.user.organizationID) AND ci.id = \(bind: id)
            """).first().map(CheckInRecord.init(row:)) else { return nil }
        guard CheckInAccess.mayUse(context.user.actor, .init(organizationID: context.user.organizationID, personID: record.personID)) == .allowed else { return nil }
        return record
    }

    /// The answers of answered check-ins, by check-in, in one query. Callers pass only ids they may read.
    static func answers(of checkIns: [UUID], organizationID: UUID, on db: any Database) async throws -> [UUID: [String: Int]] {
        guard !checkIns.isEmpty else { return [:] }
        var result: [UUID: [String: Int]] = [:]
        for row in try await db.sql().raw("""
            SELECT check_in_id, item_key, value FROM check_in_answers
            WHERE organization_id = \(bind: organizationID) AND check_in_id IN (\(binds: checkIns))
            """).all() {
            result[try row.decode(column: "check_in_id", as: UUID.self), default: [:]][try row.decode(column: "item_key", as: String.self)] =
                try row.decode(column: "value", as: Int.self)
        }
        return result
    }

    /// Takes the person's answers, scores them and acts on the rules, in one transaction: the answers, the
    /// pathway's attention mark (the person's suggestion of professional help), the owner's signal (only with consent, and
    /// without any answer) and the audit entry.
    static func answer(_ id: UUID, answers: [String: Int], seenVersion: Int?, contactBy: ContactChoice? = nil, instruments: InstrumentLibrary,
                       in context: ServiceContext) async throws -> Outcome {
        let record = try await answerable(id, in: context)
        if let seenVersion, seenVersion != record.version { throw Failure.alreadyDone(record) }
        guard let instrument = instruments.instruments[record.instrument] else { throw Failure.instrumentMissing }
        let score: InstrumentScore
        do {
            score = try instrument.score(answers)
        } catch {
            throw Failure.invalid(error)
        }
        let user = context.user
        // A yes to being contacted reaches someone in the same transaction (ContactWishes); what it needs is read first.
        let wish = score.wantsContact ? try await ContactWishes.prepare(contactBy, checkInID: id, caseID: record.caseID, in: context) : nil
        let outcome: Outcome? = try await context.transaction { tx in
            let taken = try await tx.db.sql().raw("""
                UPDATE check_ins SET status = \(bind: CheckInStatus.answered.rawValue), answered_at = \(bind: tx.now), version = version + 1
                WHERE organization_id = \(bind: user.organizationID) AND id = \(bind: id) AND status = \(bind: CheckInStatus.due.rawValue)
                  AND version = \(bind: record.version)
                RETURNING id
                """).all()
            guard !taken.isEmpty else { return nil }
            var insert = try tx.db.sql().insert(into: CheckInSchema.answers).columns("id", "organization_id", "check_in_id", "item_key", "value")
            for (key, value) in answers.sorted(by: { $0.key < $1.key }) {
                insert = insert.values(SQLBind(tx.newID()), SQLBind(user.organizationID), SQLBind(id), SQLBind(key), SQLBind(value))
            }
            try await insert.run()
            try await tx.audit(.create, "check_in_answers", id: id, subject: user.personID)
            try await Messages.settle([CheckInInvitations.dueKind, CheckInInvitations.anniversaryKind], recipient: user.personID,
                                      organizationID: user.organizationID, link: SiteRoute.checkIn(id).path, context: tx)
            let assessment = try await assess(caseID: record.caseID, instrument: instrument, in: tx)
            try await mark(caseID: record.caseID, assessment, checkInID: id, in: tx)
            let answered = CheckInRecord(id: id, caseID: record.caseID, personID: record.personID, instrument: record.instrument, dueAt: record.dueAt,
                                         status: .answered, answeredAt: tx.now, purpose: record.purpose, version: record.version + 1)
            let contact = try await wish.asyncMap { try await ContactWishes.fulfil($0, in: tx) }
            return Outcome(checkIn: answered, redFlag: score.redFlag, crisisHelp: CheckInEscalation.callsForCrisisHelp(score),
                           suggestsExternalHelp: assessment.suggestsExternalHelp, contact: contact)
        }
        guard let outcome else { throw Failure.alreadyDone(try await ownOne(id, in: context) ?? record) }
        return outcome
    }

    /// Skipping is the person's right: nothing is asked about it and nobody is told.
    static func skip(_ id: UUID, seenVersion: Int?, in context: ServiceContext) async throws -> CheckInRecord {
        let record = try await answerable(id, in: context)
        if let seenVersion, seenVersion != record.version { throw Failure.alreadyDone(record) }
        let user = context.user
        let skipped = try await context.transaction { tx in
            let rows = try await tx.db.sql().raw("""
                UPDATE check_ins SET status = \(bind: CheckInStatus.skipped.rawValue), version = version + 1
                WHERE organization_id = \(bind: user.organizationID) AND id = \(bind: id) AND status = \(bind: CheckInStatus.due.rawValue)
                  AND version = \(bind: record.version)
                RETURNING id
                """).all()
            guard !rows.isEmpty else { return false }
            try await tx.audit(.update, "check_in", id: id, subject: user.personID)
            try await Messages.settle([CheckInInvitations.dueKind, CheckInInvitations.anniversaryKind], recipient: user.personID,
                                      organizationID: user.organizationID, link: SiteRoute.checkIn(id).path, context: tx)
            return true
        }
        guard skipped else { throw Failure.alreadyDone(try await ownOne(id, in: context) ?? record) }
        return CheckInRecord(id: id, caseID: record.caseID, personID: record.personID, instrument: record.instrument, dueAt: record.dueAt, status: .skipped,
                             answeredAt: nil, purpose: record.purpose, version: record.version + 1)
    }

    private static func answerable(_ id: UUID, in context: ServiceContext) async throws -> CheckInRecord {
        guard let record = try await ownOne(id, in: context) else { throw Failure.notFound }
        guard record.status == .due else { throw Failure.alreadyDone(record) }
        guard record.dueAt <= context.now else { throw Failure.notYetDue(record) }
        if record.purpose == .followUp {
            let open = try await context.db.sql().raw("""
                SELECT id FROM cases WHERE organization_id = \(bind: context.user.organizationID) AND id = \(bind: record.caseID)
                  AND status = \(bind: CaseStatus.open.rawValue)
                """).first()
            guard open != nil else { throw Failure.caseClosed }
        }
        return record
    }

    /// The rules over every check-in of the pathway answered with this instrument, this one included.
    private static func assess(caseID: UUID, instrument: Instrument, in tx: ServiceContext) async throws -> CheckInEscalation.Assessment {
        let rows = try await tx.db.sql().raw("""
            SELECT ci.id, ci.answered_at, a.item_key, a.value, COALESCE(e.occurred_at, c.opened_at) AS event_at
            FROM check_ins ci
            JOIN cases c ON c.id = ci.case_id AND c.organization_id = ci.organization_id
            LEFT JOIN events e ON e.id = c.event_id AND e.organization_id = c.organization_id
            JOIN check_in_answers a ON a.check_in_id = ci.id AND a.organization_id = ci.organization_id
            WHERE ci.organization_id = \(bind: tx.user.organizationID) AND ci.case_id = \(bind: caseID)
              AND ci.status = \(bind: CheckInStatus.answered.rawValue) AND ci.instrument = \(bind: instrument.key)
            """).all()
        var answers: [UUID: (at: Date, values: [String: Int])] = [:]
        var eventAt: Date?
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let at = try row.decode(column: "answered_at", as: Date?.self) ?? tx.now
            answers[id, default: (at, [:])].values[try row.decode(column: "item_key", as: String.self)] = try row.decode(column: "value", as: Int.self)
            eventAt = try row.decode(column: "event_at", as: Date.self)
        }
        let history = answers.values.compactMap { answered in
            (try? instrument.score(answered.values)).map { CheckInEscalation.Answered(answeredAt: answered.at, score: $0) }
        }
        return CheckInEscalation.assess(history, eventAt: eventAt ?? tx.now, timeZone: tx.user.timeZone)
    }

    /// Marks the pathway as needing attention and tells the owner — the first time, and only if the person
    /// consented; the message names no answer. The mark is the person's own record (their check-ins page shows
    /// them the ways to help while it stands): nothing a leader can read changes without consent. A later, calmer
    /// answer never clears it; someone acting on it does (a referral).
    private static func mark(caseID: UUID, _ assessment: CheckInEscalation.Assessment, checkInID: UUID, in tx: ServiceContext) async throws {
        guard assessment.suggestsExternalHelp else { return }
        let org = tx.user.organizationID
        guard let marked = try await tx.db.sql().raw("""
            UPDATE cases SET attention_at = \(bind: tx.now)
            WHERE organization_id = \(bind: org) AND id = \(bind: caseID) AND attention_at IS NULL
            RETURNING owner_id
            """).first() else { return }
        guard let owner = try marked.decode(column: "owner_id", as: UUID?.self), owner != tx.user.personID else { return }
        let consent = try await Consents.choices(of: tx.user.personID, organizationID: org, on: tx.db)[.attentionSignalToOwner] ?? ConsentChoices()
        guard assessment.signalsOwner(consented: consent.allows(caseID: caseID)) else { return }
        try await Messages.store([.init(kind: attentionKind, urgency: .normal, recipient: owner, organizationID: org,
                                        link: SiteRoute.caseDetail(caseID).path, key: "attention:\(checkInID)", caseID: caseID)], context: tx)
    }

    static let attentionKind = "case_needs_attention"
}
