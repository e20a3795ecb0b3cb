import Domain
import Fluent
import Foundation
import SQLKit

/// Recording a defusing conversation, and what its answers set in motion, in one transaction: each
/// participant's `defusing` step is done; wanting a colleague asks for a peer supporter on their behalf;
/// needing practical help offers the `adjustments` step; nobody tonight gives the leader a call to make the
/// next morning.
enum DefusingConversations {
    enum Failure: Error {
        case notFound
        case forbidden
        case invalid(DefusingRules.Problem)
        /// A participant's pathway is closed: reopen it first.
        case caseClosed
    }

    struct Input: Sendable {
        var heldAt: Date
        var durationMinutes: Int
        var timeline: [DefusingConversation.Fact]
        var reminders: Set<DefusingReminder>
        var participants: [DefusingConversation.Answers]
    }

    /// The event and its directly involved people, with whether each took part already.
    struct EventPeople: Sendable {
        struct Involved: Sendable {
            let personID: UUID
            let name: String
            let caseID: UUID
            let tookPart: Bool
            let isOpen: Bool
        }

        let eventID: UUID
        let organizationID: UUID
        let unitID: UUID
        let kind: EventKind
        let occurredAt: Date
        let involved: [Involved]
    }

    struct Recorded: Sendable {
        struct Participant: Sendable {
            let personID: UUID
            let name: String
            let wantsColleague: Bool
            let practicalHelp: PracticalHelp?
            let hasSomeoneTonight: Bool
        }

        let id: UUID
        let heldAt: Date
        let durationMinutes: Int
        let heldBy: String
        let timeline: [DefusingConversation.Fact]
        let reminders: Set<DefusingReminder>
        let participants: [Participant]
    }

    /// The event and its people, for a leader who may hold its conversation; two queries.
    static func people(eventID: UUID, in context: ServiceContext) async throws -> EventPeople {
        let sql = try context.db.sql()
        guard let event = try await Event.query(on: context.db).filter(\.$organizationID == context.user.organizationID).filter(\.$id == eventID).first()
        else { throw Failure.notFound }
        switch AccessPolicy.mayHoldDefusing(context.user.actor, EventSubject(organizationID: event.organizationID, unitID: event.unitID)) {
        case .allowed: break
        case .forbidden: throw Failure.forbidden
        case .notFound: throw Failure.notFound
        }
        let rows = try await sql.raw("""
            SELECT c.id AS case_id, c.person_id, p.name, c.status,
              EXISTS (SELECT 1 FROM \(ident: DefusingSchema.participants) d
                      WHERE d.organization_id = c.organization_id AND d.event_id = c.event_id AND d.person_id = c.person_id) AS took_part
            FROM cases c JOIN people p ON p.organization_id = c.organization_id AND p.id = c.person_id
            WHERE c.organization_id = \(bind: context.user.organizationID) AND c.event_id = \(bind: eventID) AND \(CasePredicates.stillInvolved("c"))
            ORDER BY p.name, c.id
            LIMIT 500
            """).all()
        return EventPeople(eventID: eventID, organizationID: event.organizationID, unitID: event.unitID, kind: event.kind, occurredAt: event.occurredAt,
                           involved: try rows.map { row in
                               EventPeople.Involved(personID: try row.decode(column: "person_id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                                                    caseID: try row.decode(column: "case_id", as: UUID.self), tookPart: try row.decode(column: "took_part", as: Bool.self),
                                                    isOpen: try row.decode(column: "status", as: CaseStatus.self) == .open)
                           })
    }

    /// `known` is the event as the caller read it through `people`, so a page that needed it first does not read it twice.
    static func record(eventID: UUID, _ input: Input, claim: Idempotency.Claim?, answer: @escaping @Sendable (UUID) -> Idempotency.Answer,
                       known: EventPeople? = nil, in context: ServiceContext) async throws -> Idempotency.Outcome<UUID> {
        let event: EventPeople
        if let known, known.eventID == eventID { event = known } else { event = try await people(eventID: eventID, in: context) }
        let cases = Dictionary(uniqueKeysWithValues: event.involved.map { ($0.personID, $0.caseID) })
        let timeZone = context.user.timeZone
        do {
            // Checked inside: a repeat of an earlier request (its people have taken part by now) finds the first
            // answer before this runs.
            return try await Idempotency.once(claim, in: context) { tx in
                let conversation: DefusingConversation
                switch DefusingRules.check(heldAt: input.heldAt, durationMinutes: input.durationMinutes, timeline: input.timeline,
                                           reminders: input.reminders, participants: input.participants, involved: Set(event.involved.map(\.personID)),
                                           alreadyTookPart: Set(event.involved.filter(\.tookPart).map(\.personID)), eventAt: event.occurredAt, now: tx.now) {
                case .success(let checked): conversation = checked
                case .failure(let problem): throw Failure.invalid(problem)
                }
                if conversation.participants.contains(where: { $0.personID == tx.user.personID }) {
                    throw Failure.invalid(DefusingRules.Problem(.holderTakesPart, personID: tx.user.personID))
                }
                let closed = Set(event.involved.filter { !$0.isOpen }.map(\.personID))
                guard conversation.participants.allSatisfy({ !closed.contains($0.personID) }) else { throw Failure.caseClosed }
                let id = try await store(conversation, eventID: eventID, in: tx)
                for answers in conversation.participants {
                    guard let caseID = cases[answers.personID] else { continue }
                    try await follow(answers, caseID: caseID, heldAt: conversation.heldAt, timeZone: timeZone,
                                     event: EventSubject(organizationID: event.organizationID, unitID: event.unitID), in: tx)
                }
                return (id, answer(id))
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two leaders recording the same person at once: the second meets the one-conversation-per-person key.
            throw Failure.invalid(DefusingRules.Problem(.alreadyTookPart))
        }
    }

    private static func store(_ conversation: DefusingConversation, eventID: UUID, in tx: ServiceContext) async throws -> UUID {
        let sql = try tx.db.sql()
        let org = tx.user.organizationID
        let id = tx.newID()
        try await sql.insert(into: DefusingSchema.conversations)
            .columns("id", "organization_id", "event_id", "held_by", "held_at", "duration_minutes", "recorded_at")
            .values(SQLBind(id), SQLBind(org), SQLBind(eventID), SQLBind(tx.user.personID), SQLBind(conversation.heldAt),
                    SQLBind(conversation.durationMinutes), SQLBind(tx.now))
            .run()
        if !conversation.timeline.isEmpty {
            var facts = sql.insert(into: DefusingSchema.facts).columns("id", "organization_id", "conversation_id", "position", "at", "fact")
            for (position, fact) in conversation.timeline.enumerated() {
                facts = facts.values(SQLBind(tx.newID()), SQLBind(org), SQLBind(id), SQLBind(position), SQLBind(fact.at), SQLBind(fact.fact))
            }
            try await facts.run()
        }
        if !conversation.reminders.isEmpty {
            var reminders = sql.insert(into: DefusingSchema.reminders).columns("id", "organization_id", "conversation_id", "reminder")
            for reminder in conversation.reminders.sorted(by: { $0.rawValue < $1.rawValue }) {
                reminders = reminders.values(SQLBind(tx.newID()), SQLBind(org), SQLBind(id), SQLBind(reminder.rawValue))
            }
            try await reminders.run()
        }
        var participants = sql.insert(into: DefusingSchema.participants)
            .columns("id", "organization_id", "conversation_id", "event_id", "person_id", "wants_colleague", "practical_help", "has_someone_tonight")
        for answers in conversation.participants {
            participants = participants.values(SQLBind(tx.newID()), SQLBind(org), SQLBind(id), SQLBind(eventID), SQLBind(answers.personID),
                                               SQLBind(answers.wantsColleague), SQLBind(answers.practicalHelp?.rawValue), SQLBind(answers.hasSomeoneTonight))
        }
        try await participants.run()
        try await tx.audit(.create, "defusing_conversation", id: id, subject: nil)
        return id
    }

    /// What one participant's answers set in motion, on their pathway.
    private static func follow(_ answers: DefusingConversation.Answers, caseID: UUID, heldAt: Date, timeZone: TimeZone, event: EventSubject,
                               in tx: ServiceContext) async throws {
        try await StepFollow.move(caseID: caseID, organizationID: tx.user.organizationID, key: .defusing, to: .done, by: tx.user.personID,
                                  subject: answers.personID, outbox: tx)
        for effect in DefusingConversation.effects(of: answers) {
            switch effect {
            case .peerSupportRequest:
                do {
                    try await SupportOnBehalf.ask(caseID: caseID, personAgreed: true, afterDefusingOf: event, in: tx)
                } catch SupportOnBehalf.Failure.underWay {
                    // A supporter is asked already or in touch: nothing more to ask for.
                }
            case .adjustments:
                try await StepFollow.move(caseID: caseID, organizationID: tx.user.organizationID, key: .adjustments, to: .offered, from: [.pending],
                                          by: tx.user.personID, subject: answers.personID, outbox: tx)
            case .callTomorrow:
                try await callTomorrow(caseID: caseID, at: DefusingConversation.callTime(after: heldAt, timeZone: timeZone), in: tx)
            }
        }
        try await tx.audit(.create, "defusing_participant", id: caseID, subject: answers.personID)
    }

    /// The leader's support step becomes a call due the next morning, with its reminder and escalation.
    private static func callTomorrow(caseID: UUID, at due: Date, in tx: ServiceContext) async throws {
        try await tx.db.sql().raw("""
            UPDATE pathway_steps SET due_at = \(bind: due), updated_at = \(bind: tx.now), version = version + 1
            WHERE organization_id = \(bind: tx.user.organizationID) AND case_id = \(bind: caseID) AND key = \(bind: StepKey.leaderSupport.rawValue)
              AND status IN (\(binds: StepStatus.open.map(\.rawValue)))
            """).run()
        let steps = try await StepRecord.query(on: tx.db).filter(\.$organizationID == tx.user.organizationID).filter(\.$caseID == caseID)
            .filter(\.$key == .leaderSupport).all()
        try await Reminders.replan(steps, organizationID: tx.user.organizationID, now: tx.now, ids: tx.ids, on: tx.db)
    }

    /// The event's conversations as recorded, for a leader who may hold them; the read is audited. Someone since
    /// taken off the event is left out.
    static func read(eventID: UUID, in context: ServiceContext) async throws -> [Recorded] {
        try await read(try await people(eventID: eventID, in: context), in: context)
    }

    /// The same, for an event whose people the caller has read (and so was allowed to) already.
    static func read(_ event: EventPeople, in context: ServiceContext) async throws -> [Recorded] {
        let eventID = event.eventID
        let sql = try context.db.sql()
        let org = context.user.organizationID
        let conversations = try await sql.raw("""
            SELECT d.id, d.held_at, d.duration_minutes, p.name FROM \(ident: DefusingSchema.conversations) d
            JOIN people p ON p.organization_id = d.organization_id AND p.id = d.held_by
            WHERE d.organization_id = \(bind: org) AND d.event_id = \(bind: eventID)
            ORDER BY d.held_at, d.id
            """).all()
        let parts = try await sql.raw("""
            SELECT 'fact' AS part, f.conversation_id, f.at, f.fact AS text, f.position, CAST(NULL AS TEXT) AS person_id, CAST(NULL AS TEXT) AS name,
              FALSE AS wants_colleague, CAST(NULL AS TEXT) AS practical_help, FALSE AS has_someone_tonight
            FROM \(ident: DefusingSchema.facts) f JOIN \(ident: DefusingSchema.conversations) d ON d.organization_id = f.organization_id AND d.id = f.conversation_id
            WHERE f.organization_id = \(bind: org) AND d.event_id = \(bind: eventID)
            UNION ALL
            SELECT 'reminder', r.conversation_id, NULL, r.reminder, 0, NULL, NULL, FALSE, NULL, FALSE
            FROM \(ident: DefusingSchema.reminders) r JOIN \(ident: DefusingSchema.conversations) d ON d.organization_id = r.organization_id AND d.id = r.conversation_id
            WHERE r.organization_id = \(bind: org) AND d.event_id = \(bind: eventID)
            UNION ALL
            SELECT 'participant', x.conversation_id, NULL, NULL, 0, CAST(x.person_id AS TEXT), p.name, x.wants_colleague, x.practical_help, x.has_someone_tonight
            FROM \(ident: DefusingSchema.participants) x JOIN people p ON p.organization_id = x.organization_id AND p.id = x.person_id
            JOIN cases c ON c.organization_id = x.organization_id AND c.event_id = x.event_id AND c.person_id = x.person_id AND \(CasePredicates.stillInvolved("c"))
            WHERE x.organization_id = \(bind: org) AND x.event_id = \(bind: eventID)
            """).all()
        var facts: [UUID: [(Int, DefusingConversation.Fact)]] = [:], reminders: [UUID: Set<DefusingReminder>] = [:]
        var participants: [UUID: [Recorded.Participant]] = [:]
        for row in parts {
            let conversation = try row.decode(column: "conversation_id", as: UUID.self)
            switch try row.decode(column: "part", as: String.self) {
            case "fact":
                facts[conversation, default: []].append((try row.decode(column: "position", as: Int.self),
                                                         DefusingConversation.Fact(at: try row.decode(column: "at", as: Date.self),
                                                                                   fact: try row.decode(column: "text", as: String.self))))
            case "reminder":
                if let reminder = DefusingReminder(rawValue: try row.decode(column: "text", as: String.self)) { reminders[conversation, default: []].insert(reminder) }
            default:
                guard let person = UUID(uuidString: try row.decode(column: "person_id", as: String.self)) else { continue }
                participants[conversation, default: []].append(Recorded.Participant(
                    personID: person, name: try row.decode(column: "name", as: String.self),
                    wantsColleague: try row.decode(column: "wants_colleague", as: Bool.self),
                    practicalHelp: try row.decode(column: "practical_help", as: String?.self).flatMap(PracticalHelp.init(rawValue:)),
                    hasSomeoneTonight: try row.decode(column: "has_someone_tonight", as: Bool.self)))
            }
        }
        let recorded = try conversations.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return Recorded(id: id, heldAt: try row.decode(column: "held_at", as: Date.self), durationMinutes: try row.decode(column: "duration_minutes", as: Int.self),
                            heldBy: try row.decode(column: "name", as: String.self),
                            timeline: (facts[id] ?? []).sorted { $0.0 < $1.0 }.map(\.1), reminders: reminders[id] ?? [],
                            participants: (participants[id] ?? []).sorted { ($0.name, $0.personID.uuidString) < ($1.name, $1.personID.uuidString) })
        }
        try await context.audit(reads: recorded.flatMap { $0.participants.map { ("defusing_participant", $0.personID, $0.personID) } })
        return recorded
    }
}
