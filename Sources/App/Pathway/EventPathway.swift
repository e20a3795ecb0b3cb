import Domain
import Foundation

/// The pathway of one person involved in an event, as registering the event or adding them to it later opens
/// it: the case, its steps with their reminders, the offer of peer support and the check-ins, with the audit
/// entry — inside the caller's transaction.
enum EventPathway {
    /// `checkIns` is the organization's schedule, read once by the caller however many pathways it opens.
    @discardableResult
    static func open(for personID: UUID, eventID: UUID, eventAt: Date, steps: [PathwayStep], checkIns: CheckInSchedule, owner: UUID?,
                     timeZone: TimeZone, in tx: ServiceContext) async throws -> UUID {
        let org = tx.user.organizationID
        let caseID = tx.newID()
        try await Case(id: caseID, organizationID: org, personID: personID, eventID: eventID, ownerID: owner, openedAt: tx.now).create(on: tx.db)
        try await PathwaySteps.create(steps, caseID: caseID, organizationID: org, remind: true, now: tx.now, ids: tx.ids, on: tx.db)
        try await tx.audit(.create, "case", id: caseID, subject: personID)
        try await SupportInvitations.schedule(caseID: caseID, organizationID: org, outbox: tx)
        try await CheckIns.schedule(caseID: caseID, personID: personID, eventAt: eventAt, schedule: checkIns, timeZone: timeZone, in: tx,
                                    organizationID: org)
        return caseID
    }
}
