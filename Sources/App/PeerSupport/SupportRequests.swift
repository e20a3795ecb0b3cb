import Domain
import Fluent
import Foundation
import Vapor

/// A person asking for support for themself: no event needed, nothing about why is stored.
enum SupportRequests {
    static func create(involveLeader: Bool, outsideUnit: Bool, on req: Request) async throws -> UUID {
        let user = try req.requireUser()
        let owner = involveLeader ? try await nearestLeader(of: user, on: req.db) : nil
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

    /// A leader who leads one of the person's own units directly, or failing that one above it.
    static func nearestLeader(of user: CurrentUser, on db: any Database) async throws -> UUID? {
        let parents = try await UnitDirectory.parents(organizationID: user.organizationID, on: db)
        let scopes = try await LeaderScope.query(on: db).filter(\.$organizationID == user.organizationID).all()
        let accounts = try await Account.query(on: db).filter(\.$organizationID == user.organizationID).all()
        let leaderPerson: [UUID: UUID] = Dictionary(uniqueKeysWithValues: accounts.compactMap { account in
            guard account.roles.contains(.leader), let id = account.id, account.personID != user.personID else { return nil }
            return (id, account.personID)
        })
        var level: Set<UUID> = user.ownUnits
        var seen: Set<UUID> = []
        while !level.isEmpty {
            let candidates = scopes.filter { level.contains($0.unitID) }.compactMap { leaderPerson[$0.accountID] }
            if let first = candidates.sorted(by: { $0.uuidString < $1.uuidString }).first { return first }
            seen.formUnion(level)
            level = Set(level.compactMap { parents[$0] ?? nil }).subtracting(seen)
        }
        return nil
    }
}
