import Domain
import Fluent
import Foundation
import SQLKit

/// Putting a registered event right: when it happened and who was involved. Adding someone opens their
/// pathway as registering would; taking someone off does what the leader chose for their pathway; a new time
/// moves the due times still planned from the old one, with their reminders. One transaction, conditional on
/// the event's version.
enum EventCorrections {
    struct Involved: Sendable {
        let caseID: UUID
        let personID: UUID
        let name: String
        /// Only people the leader may name may be taken off.
        let inScope: Bool
    }

    struct Current: Sendable {
        let event: Event
        let unitName: String?
        let involved: [Involved]
    }

    struct Input: Sendable {
        var occurredAt: Date?
        var timeUnreadable = false
        var oldDateConfirmed = false
        var involved: [UUID]
        var removals: [UUID: RemovalChoice]
        var seenVersion: Int?
    }

    struct Corrected: Sendable {
        let added: Int
        let removed: Int
        let retimedSteps: Int
        let timeChanged: Bool

        var isNothing: Bool { added == 0 && removed == 0 && !timeChanged }
    }

    enum Failure: Error {
        case notFound
        case forbidden
        case problems([EventRegistration.Problem])
        /// People taken off without saying what happens to their pathways.
        case chooseFor(Set<UUID>)
        /// The event was corrected by someone else since the form was shown.
        case changed
    }

    /// The event as a leader who may correct it sees it, with its involved people.
    static func load(eventID: UUID, in context: ServiceContext) async throws -> Current {
        let user = context.user
        guard let event = try await Event.query(on: context.db).filter(\.$id == eventID).filter(\.$organizationID == user.organizationID).first() else {
            throw Failure.notFound
        }
        switch AccessPolicy.mayCorrectEvent(user.actor, EventSubject(organizationID: event.organizationID, unitID: event.unitID)) {
        case .allowed: break
        case .forbidden: throw Failure.forbidden
        case .notFound: throw Failure.notFound
        }
        let rows = try await context.db.sql().raw("""
            SELECT c.id, c.person_id, p.name, u.name AS unit_name
            FROM cases c JOIN people p ON p.id = c.person_id AND p.organization_id = c.organization_id
            LEFT JOIN units u ON u.id = \(bind: event.unitID) AND u.organization_id = c.organization_id
            WHERE c.organization_id = \(bind: user.organizationID) AND c.event_id = \(bind: eventID) AND \(CasePredicates.stillInvolved("c"))
            ORDER BY p.name, c.id
            """).all()
        let people = try rows.map { (caseID: try $0.decode(column: "id", as: UUID.self), personID: try $0.decode(column: "person_id", as: UUID.self),
                                     name: try $0.decode(column: "name", as: String.self)) }
        let units = try await PeopleDirectory.units(of: people.map(\.personID), organizationID: user.organizationID, on: context.db)
        let involved = people.map { person in
            Involved(caseID: person.caseID, personID: person.personID, name: person.name,
                     inScope: AccessPolicy.mayInvolve(user.actor, PersonSubject(organizationID: user.organizationID, personID: person.personID,
                                                                                 units: units[person.personID] ?? [])) == .allowed)
        }
        let unitName = try rows.first?.decode(column: "unit_name", as: String?.self)
        return Current(event: event, unitName: unitName ?? nil, involved: involved)
    }

    static func correct(eventID: UUID, _ input: Input, claim: Idempotency.Claim?, in context: ServiceContext,
                        answer: @escaping @Sendable (Corrected) -> Idempotency.Answer) async throws -> Idempotency.Outcome<Corrected> {
        let current = try await load(eventID: eventID, in: context)
        // The same form sent twice is answered as the first time, before its version is found outdated by itself.
        if let repeated: Idempotency.Outcome<Corrected> = try await Idempotency.earlier(claim, in: context) { return repeated }
        let user = context.user
        let event = current.event
        if let seen = input.seenVersion, seen != event.version { throw Failure.changed }

        // The form shows minutes: the time it shows, sent back unchanged, is the stored time, seconds and all.
        let sameMinute = input.occurredAt.map { LocalDateTime.format($0, timeZone: user.timeZone) == LocalDateTime.format(event.occurredAt, timeZone: user.timeZone) } ?? false
        var problems: [EventRegistration.Problem] = []
        if input.timeUnreadable {
            problems.append(.init(field: "occurredAt", code: "unreadable"))
        } else if let occurredAt = input.occurredAt {
            if !sameMinute, let problem = EventRules.check(occurredAt: occurredAt, now: context.now, oldDateConfirmed: input.oldDateConfirmed) {
                problems.append(.init(field: "occurredAt", code: problem.rawValue))
            }
        } else {
            problems.append(.init(field: "occurredAt", code: "missing"))
        }
        // People out of the leader's scope stay as they are: the form cannot take them off.
        let outOfScope = current.involved.filter { !$0.inScope }.map(\.personID)
        let wanted = input.involved + outOfScope.filter { !input.involved.contains($0) }
        if wanted.isEmpty { problems.append(.init(field: "involvedPersonIds", code: "missing")) }
        let plan: EventCorrection.Plan
        switch EventCorrection.plan(current: Set(current.involved.map(\.personID)), wanted: wanted, choices: input.removals) {
        case .success(let made): plan = made
        case .failure(let missing):
            guard problems.isEmpty else { throw Failure.problems(problems) }
            throw Failure.chooseFor(missing.people)
        }
        if !plan.added.isEmpty {
            let units = try await PeopleDirectory.units(of: plan.added, organizationID: user.organizationID, on: context.db)
            for id in plan.added {
                guard let personUnits = units[id] else {
                    problems.append(.init(field: "involvedPersonIds", code: "unknown_id"))
                    break
                }
                if AccessPolicy.mayInvolve(user.actor, PersonSubject(organizationID: user.organizationID, personID: id, units: personUnits)) != .allowed {
                    problems.append(.init(field: "involvedPersonIds", code: "out_of_scope"))
                    break
                }
            }
        }
        guard problems.isEmpty else { throw Failure.problems(problems) }

        let newTime = sameMinute ? event.occurredAt : input.occurredAt ?? event.occurredAt
        // Nothing to put right: nothing is written, and the leader is told so rather than "corrected".
        if plan.added.isEmpty, plan.removed.isEmpty, newTime == event.occurredAt {
            return .created(Corrected(added: 0, removed: 0, retimedSteps: 0, timeChanged: false), Idempotency.Answer(status: 303, location: nil, body: nil))
        }
        let timeZone = user.timeZone
        let reasons = try await DefusingReason.labels(eventID: eventID, organizationID: user.organizationID, on: context.db)
        @Sendable func planned(at time: Date) -> [StepKey: Date] {
            Dictionary(uniqueKeysWithValues: PathwayPlanner.steps(eventAt: time, severity: event.severity, defusingRecommended: !reasons.isEmpty,
                                                                  timeZone: timeZone).compactMap { step in step.dueAt.map { (step.key, $0) } })
        }
        let ownLeader = plan.added.contains(user.personID)
            ? try await Leaders.nearest(to: user.personID, organizationID: user.organizationID, on: context.db) : nil
        let staying = current.involved.filter { plan.removed[$0.personID] == nil }.map(\.caseID)
        let seenVersion = event.version
        let oldTime = event.occurredAt

        return try await Idempotency.once(claim, in: context) { tx in
            let touched = try await tx.db.sql().raw("""
                UPDATE events SET occurred_at = \(bind: newTime), version = version + 1
                WHERE id = \(bind: eventID) AND organization_id = \(bind: tx.user.organizationID) AND version = \(bind: seenVersion)
                RETURNING id
                """).all()
            guard !touched.isEmpty else { throw Failure.changed }
            try await tx.audit(.update, "event", id: eventID, subject: nil)

            var retimed = 0
            if newTime != oldTime, !staying.isEmpty {
                retimed = try await retime(cases: staying, from: planned(at: oldTime), to: planned(at: newTime), in: tx)
                try await CheckIns.retime(cases: staying, from: oldTime, to: newTime, timeZone: timeZone, in: tx)
            }
            for (personID, choice) in plan.removed {
                guard let involved = current.involved.first(where: { $0.personID == personID }) else { continue }
                let closes = choice == .close
                try await tx.db.sql().raw("""
                    UPDATE cases SET left_event_at = \(bind: tx.now), version = version + 1,
                      status = CASE WHEN \(bind: closes) THEN \(bind: CaseStatus.closed.rawValue) ELSE status END,
                      closed_at = CASE WHEN \(bind: closes) AND status = \(bind: CaseStatus.open.rawValue) THEN \(bind: tx.now) ELSE closed_at END
                    WHERE id = \(bind: involved.caseID) AND organization_id = \(bind: tx.user.organizationID) AND \(CasePredicates.stillInvolved())
                    """).run()
                try await tx.audit(.update, closes ? "case_taken_off_event_closed" : "case_taken_off_event_kept", id: involved.caseID, subject: personID)
            }
            let checkIns = try await CheckInSchedules.load(organizationID: tx.user.organizationID, on: tx.db)
            for personID in plan.added {
                try await involve(personID, eventID: eventID, eventAt: newTime, steps: PathwayPlanner.steps(
                    eventAt: newTime, severity: event.severity, defusingRecommended: !reasons.isEmpty, timeZone: timeZone), checkIns: checkIns,
                    owner: personID == tx.user.personID ? ownLeader : tx.user.personID, in: tx)
            }
            let corrected = Corrected(added: plan.added.count, removed: plan.removed.count, retimedSteps: retimed, timeChanged: newTime != oldTime)
            return (corrected, answer(corrected))
        }
    }

    /// Someone added to the event: the pathway they had with it comes back if they were taken off earlier,
    /// otherwise a new one opens, with its reminders and the offer of peer support.
    private static func involve(_ personID: UUID, eventID: UUID, eventAt: Date, steps: [PathwayStep], checkIns: CheckInSchedule, owner: UUID?,
                                in tx: ServiceContext) async throws {
        let org = tx.user.organizationID
        if let earlier = try await tx.db.sql().raw("""
            SELECT id FROM cases WHERE organization_id = \(bind: org) AND event_id = \(bind: eventID) AND person_id = \(bind: personID)
              AND left_event_at IS NOT NULL
            ORDER BY opened_at DESC LIMIT 1
            """).first() {
            let caseID = try earlier.decode(column: "id", as: UUID.self)
            try await tx.db.sql().raw("""
                UPDATE cases SET left_event_at = NULL, status = \(bind: CaseStatus.open.rawValue), closed_at = NULL, version = version + 1
                WHERE id = \(bind: caseID) AND organization_id = \(bind: org)
                """).run()
            try await tx.audit(.update, "case_back_on_event", id: caseID, subject: personID)
            return
        }
        try await EventPathway.open(for: personID, eventID: eventID, eventAt: eventAt, steps: steps, checkIns: checkIns, owner: owner,
                                    timeZone: tx.user.timeZone, in: tx)
    }

    /// Moves the due times still planned from the old time to the new one, and plans their reminders anew.
    private static func retime(cases: [UUID], from old: [StepKey: Date], to new: [StepKey: Date], in tx: ServiceContext) async throws -> Int {
        let org = tx.user.organizationID
        let steps = try await StepRecord.query(on: tx.db).filter(\.$organizationID == org).filter(\.$caseID ~~ cases).all()
        var moved: [StepRecord] = []
        for (caseID, records) in Dictionary(grouping: steps, by: \.caseID) {
            let dues = EventCorrection.retimed(records.map(\.step), planned: old, now: new)
            for record in records {
                guard let due = dues[record.key], let id = record.id else { continue }
                try await tx.db.sql().raw("""
                    UPDATE pathway_steps SET due_at = \(bind: due), updated_at = \(bind: tx.now), version = version + 1
                    WHERE id = \(bind: id) AND organization_id = \(bind: org) AND case_id = \(bind: caseID)
                    """).run()
                record.dueAt = due
                moved.append(record)
                try await tx.audit(.update, "pathway_step", id: id, subject: nil)
            }
        }
        try await Reminders.replan(moved, organizationID: org, now: tx.now, ids: tx.ids, on: tx.db)
        return moved.count
    }
}
