import Domain
import Fluent
import Foundation
import Vapor

/// A person asking for support for themself: no event needed, nothing about why is stored.
enum SupportRequests {
    static func create(involveLeader: Bool, outsideUnit: Bool, on req: Request) async throws -> UUID {
        let user = try req.requireUser()
        let owner = involveLeader ? try await Leaders.nearest(to: user.personID, units: user.ownUnits, organizationID: user.organizationID, on: req.db) : nil
        let now = req.now
        let caseID = req.newID()
        let steps = PathwayPlanner.selfReferralSteps(requestedAt: now, involveLeader: involveLeader && owner != nil, timeZone: user.timeZone)
        try await req.db.transaction { db in
            try await Case(id: caseID, organizationID: user.organizationID, personID: user.personID, eventID: nil, ownerID: owner,
                           openedAt: now, prefersOutsideUnit: outsideUnit).create(on: db)
            try await PathwaySteps.create(steps, caseID: caseID, organizationID: user.organizationID, remind: owner != nil, now: now,
                                          ids: req.newID, on: db)
        }
        try await AuditLog.record(req, .create, "case", id: caseID, subject: user.personID)
        return caseID
    }
}
