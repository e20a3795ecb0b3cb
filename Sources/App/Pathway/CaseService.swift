import Domain
import Fluent
import Foundation
import Vapor

/// Reading and changing one case, with the access rules applied; shared by the pages and the API.
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
        case refused(from: StepStatus, to: StepStatus)
        case lifecycle(CaseLifecycle.Refusal)
    }

    /// Nil when the case does not exist in the user's organization (another organization's case included).
    static func query(caseID: UUID, for user: CurrentUser, on db: any Database) async throws -> Loaded? {
        guard let record = try await Case.query(on: db)
            .filter(\.$id == caseID).filter(\.$organizationID == user.organizationID).first(),
            let person = try await Person.query(on: db)
                .filter(\.$id == record.personID).filter(\.$organizationID == user.organizationID).first()
        else { return nil }
        let units = try await PersonUnit.query(on: db)
            .filter(\.$organizationID == user.organizationID).filter(\.$personID == record.personID).all().map(\.unitID)
        let steps = try await StepRecord.query(on: db)
            .filter(\.$organizationID == user.organizationID).filter(\.$caseID == caseID).sort(\.$position).all()
        let subject = CaseSubject(organizationID: record.organizationID, personID: record.personID, ownerID: record.ownerID, personUnits: Set(units))
        return Loaded(record: record, steps: steps, person: person, subject: subject)
    }

    static func view(caseID: UUID, on req: Request) async throws -> Loaded {
        let user = try req.requireUser()
        guard let loaded = try await query(caseID: caseID, for: user, on: req.db) else { throw Failure.notFound }
        guard AccessPolicy.decide(user.actor, .view, loaded.subject) == .allowed else { throw Failure.forbidden }
        try await AuditLog.record(req, .read, "case", id: caseID, subject: loaded.record.personID)
        return loaded
    }

    static func moveStep(caseID: UUID, key: String, to status: StepStatus, on req: Request) async throws -> StepRecord {
        let user = try req.requireUser()
        guard let loaded = try await query(caseID: caseID, for: user, on: req.db) else { throw Failure.notFound }
        // The query only finds cases of the user's own organization, so a refusal here is a 403.
        guard AccessPolicy.mayMoveStep(user.actor, loaded.subject, to: status) == .allowed else { throw Failure.forbidden }
        guard let record = loaded.steps.first(where: { $0.key == key }), let step = record.step else { throw Failure.unknownStep }
        let moved: PathwayStep
        do {
            moved = try step.moving(to: status, by: user.personID, at: req.now)
        } catch {
            throw Failure.refused(from: error.from, to: error.to)
        }
        record.apply(moved)
        record.updatedAt = req.now
        try await record.save(on: req.db)
        try await AuditLog.record(req, .update, "pathway_step", id: record.id, subject: loaded.record.personID)
        return record
    }

    static func close(caseID: UUID, personAgrees: Bool, on req: Request) async throws {
        try await changeStatus(caseID: caseID, action: .close, on: req) { status in
            try CaseLifecycle.close(status, personAgrees: personAgrees)
        }
    }

    static func reopen(caseID: UUID, on req: Request) async throws {
        try await changeStatus(caseID: caseID, action: .reopen, on: req) { status in try CaseLifecycle.reopen(status) }
    }

    private static func changeStatus(
        caseID: UUID, action: CaseAction, on req: Request, _ change: (CaseStatus) throws -> CaseStatus
    ) async throws {
        let user = try req.requireUser()
        guard let loaded = try await query(caseID: caseID, for: user, on: req.db) else { throw Failure.notFound }
        guard AccessPolicy.decide(user.actor, action, loaded.subject) == .allowed else { throw Failure.forbidden }
        let next: CaseStatus
        do {
            next = try change(loaded.record.caseStatus)
        } catch let refusal as CaseLifecycle.Refusal {
            throw Failure.lifecycle(refusal)
        }
        loaded.record.status = next.rawValue
        loaded.record.closedAt = next == .closed ? req.now : nil
        try await loaded.record.save(on: req.db)
        try await AuditLog.record(req, .update, "case", id: caseID, subject: loaded.record.personID)
    }
}
