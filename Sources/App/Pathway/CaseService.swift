import Domain
import Fluent
import Foundation
import SQLKit

/// Reading and changing one case, with the access rules applied; shared by the pages, the API and any
/// other caller that has a `ServiceContext`.
enum CaseService {
    struct Loaded {
        let record: Case
        let steps: [StepRecord]
        let person: Person
        let subject: CaseSubject
    }

    enum Failure: Error {
        case notFound
        case forbidden
        case unknownStep
        /// The pathway table does not allow this move from where the step is; `current` is the step as read.
        case refused(from: StepStatus, to: StepStatus, current: StepRecord)
        case lifecycle(CaseLifecycle.Refusal)
        /// A closed case's steps stay as they were until it is reopened.
        case caseClosed
        /// Someone else changed the step first; this is its state now.
        case stepChanged(StepRecord)
        /// Marking the step done can no longer be taken back (too late, or not the one who marked it).
        case undoNotPossible
        /// Someone else changed the case first; this is its status now.
        case caseChanged(CaseStatus)
    }

    /// Nil when the case does not exist in the user's organization (another organization's case included).
    /// Two queries through SQLKit — the case with its person and their units, then the steps — with the rows
    /// read into models by hand: Fluent's reflective decoding of ten step rows cost more than the queries.
    static func query(caseID: UUID, organizationID: UUID, on db: any Database) async throws -> Loaded? {
        let sql = try db.sql()
        let rows = try await sql.raw("""
            SELECT c.person_id, c.event_id, c.owner_id, c.status, c.opened_at, c.closed_at, c.prefers_outside_unit, c.shared_with_leader,
              c.version, c.attention_at, p.name, p.profession, p.preferred_language, pu.unit_id
            FROM cases c
            JOIN people p ON p.id = c.person_id AND p.organization_id = c.organization_id
            LEFT JOIN person_units pu ON pu.person_id = c.person_id AND pu.organization_id = c.organization_id
            WHERE c.id = \(bind: caseID) AND c.organization_id = \(bind: organizationID)
            """).all()
        guard let first = rows.first else { return nil }
        let record = Case(id: caseID, organizationID: organizationID, personID: try first.decode(column: "person_id", as: UUID.self),
                          eventID: try first.decode(column: "event_id", as: UUID?.self), ownerID: try first.decode(column: "owner_id", as: UUID?.self),
                          openedAt: try first.decode(column: "opened_at", as: Date.self),
                          prefersOutsideUnit: try first.decode(column: "prefers_outside_unit", as: Bool.self),
                          sharedWithLeader: try first.decode(column: "shared_with_leader", as: Bool.self))
        record.status = try first.decode(column: "status", as: CaseStatus.self)
        record.closedAt = try first.decode(column: "closed_at", as: Date?.self)
        record.version = try first.decode(column: "version", as: Int.self)
        record.attentionAt = try first.decode(column: "attention_at", as: Date?.self)
        record.$id.exists = true
        let person = Person(id: record.personID, organizationID: organizationID, name: try first.decode(column: "name", as: String.self),
                            profession: try first.decode(column: "profession", as: Profession.self),
                            preferredLanguage: try first.decode(column: "preferred_language", as: String?.self))
        person.$id.exists = true
        let units = Set(try rows.compactMap { try $0.decode(column: "unit_id", as: UUID?.self) })
        let steps = try await sql.raw("""
            SELECT id, key, phase, position, status, due_at, done_at, done_by, recommended, undo_status, updated_at, version FROM pathway_steps
            WHERE case_id = \(bind: caseID) AND organization_id = \(bind: organizationID) ORDER BY position
            """).all().map { row in
            let step = StepRecord(
                id: try row.decode(column: "id", as: UUID.self), organizationID: organizationID, caseID: caseID,
                step: PathwayStep(key: try row.decode(column: "key", as: StepKey.self), status: try row.decode(column: "status", as: StepStatus.self),
                                  dueAt: try row.decode(column: "due_at", as: Date?.self), doneAt: try row.decode(column: "done_at", as: Date?.self),
                                  doneBy: try row.decode(column: "done_by", as: UUID?.self), recommended: try row.decode(column: "recommended", as: Bool.self)),
                at: try row.decode(column: "updated_at", as: Date.self))
            step.phase = try row.decode(column: "phase", as: Phase.self)
            step.position = try row.decode(column: "position", as: Int.self)
            step.version = try row.decode(column: "version", as: Int.self)
            step.undoStatus = try row.decode(column: "undo_status", as: String?.self).flatMap(StepStatus.init(rawValue:))
            step.$id.exists = true
            return step
        }
        return Loaded(record: record, steps: steps, person: person, subject: record.subject(personUnits: units))
    }

    static func view(caseID: UUID, in context: ServiceContext) async throws -> Loaded {
        let loaded = try await load(caseID: caseID, in: context)
        try Failure.enforce(AccessPolicy.decide(context.user.actor, .view, loaded.subject))
        try await context.audit(.read, "case", id: caseID, subject: loaded.record.personID)
        return loaded
    }

    /// Moves one step, only from the state it was decided from: `seenVersion` is the version the user saw
    /// (the page they acted on, or the API client's last read); without it, the state read here. If someone
    /// else moved the step in between, nothing is written and the caller learns the step's fresh state.
    static func moveStep(caseID: UUID, key: StepKey, to status: StepStatus, seenVersion: Int? = nil,
                         in context: ServiceContext) async throws -> StepRecord {
        let loaded = try await load(caseID: caseID, in: context)
        try Failure.enforce(AccessPolicy.decide(context.user.actor, .view, loaded.subject))
        guard AccessPolicy.mayMoveStep(context.user.actor, loaded.subject, to: status) == .allowed else { throw Failure.forbidden }
        guard loaded.record.status == .open else { throw Failure.caseClosed }
        guard let record = loaded.steps.first(where: { $0.key == key }), let stepID = record.id else { throw Failure.unknownStep }
        if let seenVersion, seenVersion != record.version { throw Failure.stepChanged(record) }
        let moved: PathwayStep
        do {
            moved = try record.step.moving(to: status, by: context.user.personID, at: context.now)
        } catch {
            throw Failure.refused(from: error.from, to: error.to, current: record)
        }
        let seen = record.version
        let changed = try await context.transaction { tx in
            // The case row is touched first so that a concurrent close and this move are ordered: whichever
            // comes second sees the other's result.
            let caseOpen = try await tx.db.sql().raw("""
                UPDATE cases SET version = version WHERE id = \(bind: caseID) AND organization_id = \(bind: tx.user.organizationID)
                  AND status = \(bind: CaseStatus.open.rawValue) RETURNING id
                """).all()
            guard !caseOpen.isEmpty else { return Outcome.caseClosed }
            let rows = try await tx.db.sql().raw("""
                UPDATE pathway_steps SET status = \(bind: moved.status.rawValue), done_at = \(bind: moved.doneAt), done_by = \(bind: moved.doneBy),
                  undo_status = \(bind: status == .done ? record.step.status.rawValue : nil), updated_at = \(bind: tx.now), version = version + 1
                WHERE id = \(bind: stepID) AND organization_id = \(bind: tx.user.organizationID) AND version = \(bind: seen)
                RETURNING id
                """).all()
            guard !rows.isEmpty else { return Outcome.lost }
            if !moved.status.isOpen {
                // "Due soon" or "late" is no longer true of a step done or set aside: the owner's reminder is settled.
                try await Messages.settle(Messages.ownerReminders(of: key), recipient: nil, organizationID: tx.user.organizationID,
                                          caseID: caseID, context: tx)
            }
            try await tx.audit(.update, "pathway_step", id: stepID, subject: loaded.record.personID)
            return Outcome.done
        }
        switch changed {
        case .done:
            record.undoStatus = status == .done ? record.step.status : nil
            record.apply(moved)
            record.updatedAt = context.now
            record.version = seen + 1
            return record
        case .caseClosed:
            throw Failure.caseClosed
        case .lost:
            throw Failure.stepChanged(try await fresh(stepID, or: record, in: context))
        }
    }

    /// Sets a step marked done back to what it was, for the one who marked it and within `StepUndo.window`;
    /// conditional on the version they saw, like every move, and audited.
    static func undoDone(caseID: UUID, key: StepKey, seenVersion: Int?, in context: ServiceContext) async throws -> StepRecord {
        let loaded = try await load(caseID: caseID, in: context)
        try Failure.enforce(AccessPolicy.decide(context.user.actor, .view, loaded.subject))
        guard AccessPolicy.mayMoveStep(context.user.actor, loaded.subject, to: .done) == .allowed else { throw Failure.forbidden }
        guard loaded.record.status == .open else { throw Failure.caseClosed }
        guard let record = loaded.steps.first(where: { $0.key == key }), let stepID = record.id else { throw Failure.unknownStep }
        if let seenVersion, seenVersion != record.version { throw Failure.stepChanged(record) }
        guard let previous = record.undoStatus,
              StepUndo.mayUndo(record.step, previous: previous, by: context.user.personID, now: context.now) else { throw Failure.undoNotPossible }
        let restored = StepUndo.undone(record.step, previous: previous)
        let seen = record.version
        let won = try await context.transaction { tx in
            let rows = try await tx.db.sql().raw("""
                UPDATE pathway_steps SET status = \(bind: restored.status.rawValue), done_at = NULL, done_by = NULL, undo_status = NULL,
                  updated_at = \(bind: tx.now), version = version + 1
                WHERE id = \(bind: stepID) AND organization_id = \(bind: tx.user.organizationID) AND version = \(bind: seen)
                  AND status = \(bind: StepStatus.done.rawValue)
                RETURNING id
                """).all()
            guard !rows.isEmpty else { return false }
            try await tx.audit(.update, "pathway_step_undo", id: stepID, subject: loaded.record.personID)
            return true
        }
        guard won else {
            throw Failure.stepChanged(try await fresh(stepID, or: record, in: context))
        }
        record.apply(restored)
        record.undoStatus = nil
        record.updatedAt = context.now
        record.version = seen + 1
        return record
    }

    /// The step as it is now, after a move lost to someone else's; the one read before if it is gone.
    private static func fresh(_ stepID: UUID, or record: StepRecord, in context: ServiceContext) async throws -> StepRecord {
        try await StepRecord.query(on: context.db).filter(\.$id == stepID).filter(\.$organizationID == context.user.organizationID).first() ?? record
    }

    static func close(caseID: UUID, personAgrees: Bool, seenVersion: Int? = nil, in context: ServiceContext) async throws {
        try await changeStatus(caseID: caseID, action: .close, seenVersion: seenVersion, in: context) { status in
            try CaseLifecycle.close(status, personAgrees: personAgrees)
        }
    }

    static func reopen(caseID: UUID, seenVersion: Int? = nil, in context: ServiceContext) async throws {
        try await changeStatus(caseID: caseID, action: .reopen, seenVersion: seenVersion, in: context) { status in try CaseLifecycle.reopen(status) }
    }

    private enum Outcome: Sendable {
        case done, lost, caseClosed
    }

    static func load(caseID: UUID, in context: ServiceContext) async throws -> Loaded {
        guard let loaded = try await query(caseID: caseID, organizationID: context.user.organizationID, on: context.db) else {
            throw Failure.notFound
        }
        return loaded
    }

    private static func changeStatus(
        caseID: UUID, action: CaseAction, seenVersion: Int?, in context: ServiceContext, _ change: (CaseStatus) throws -> CaseStatus
    ) async throws {
        let loaded = try await load(caseID: caseID, in: context)
        try Failure.enforce(AccessPolicy.decide(context.user.actor, .view, loaded.subject))
        guard AccessPolicy.decide(context.user.actor, action, loaded.subject) == .allowed else { throw Failure.forbidden }
        if let seenVersion, seenVersion != loaded.record.version { throw Failure.caseChanged(loaded.record.status) }
        let seenStatus = loaded.record.status
        let next: CaseStatus
        do {
            next = try change(seenStatus)
        } catch let refusal as CaseLifecycle.Refusal {
            throw Failure.lifecycle(refusal)
        }
        let seenVersion = loaded.record.version
        let closedAt: Date? = next == .closed ? context.now : nil
        let won = try await context.transaction { tx in
            let rows = try await tx.db.sql().raw("""
                UPDATE cases SET status = \(bind: next.rawValue), closed_at = \(bind: closedAt), version = version + 1
                WHERE id = \(bind: caseID) AND organization_id = \(bind: tx.user.organizationID)
                  AND status = \(bind: seenStatus.rawValue) AND version = \(bind: seenVersion)
                RETURNING id
                """).all()
            guard !rows.isEmpty else { return false }
            try await tx.audit(.update, "case", id: caseID, subject: loaded.record.personID)
            return true
        }
        guard won else {
            let fresh = try await Case.query(on: context.db)
                .filter(\.$id == caseID).filter(\.$organizationID == context.user.organizationID).first()
            throw Failure.caseChanged(fresh?.status ?? seenStatus)
        }
    }
}

extension CaseService.Failure {
    /// The policy's answer as the service's: not found stays not found, so nothing is revealed by a 403.
    static func enforce(_ decision: AccessDecision) throws {
        switch decision {
        case .allowed: return
        case .forbidden: throw CaseService.Failure.forbidden
        case .notFound: throw CaseService.Failure.notFound
        }
    }
}

extension Case {
    func subject(personUnits: Set<UUID>) -> CaseSubject {
        CaseSubject(organizationID: organizationID, personID: personID, ownerID: ownerID, personUnits: personUnits, sharedWithLeader: sharedWithLeader)
    }
}
