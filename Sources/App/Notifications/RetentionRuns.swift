import Crypto
import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// A nightly run per organization that removes finished jobs, old messages, expired sign-ins and held HR files. Each run plans
/// the next; the job's id is derived from the organization and the night, so however many instances plan it,
/// there is one run per night.
enum RetentionRuns {
    struct Payload: Codable {
        let organizationId: UUID
    }

    /// Makes sure every organization has its next run planned; called when a worker starts.
    static func ensurePlanned(now: Date, on db: any Database) async throws {
        for organization in try await Organization.query(on: db).all() {
            guard let id = organization.id else { continue }
            try await plan(organizationID: id, after: now, timeZone: organization.zone, now: now, on: db)
        }
    }

    static func plan(organizationID: UUID, after: Date, timeZone: TimeZone, now: Date, on db: any Database) async throws {
        let at = RetentionRules.nextRun(after: after, timeZone: timeZone)
        let payload = String(decoding: try JSONEncoder().encode(Payload(organizationId: organizationID)), as: UTF8.self)
        try await db.sql().raw("""
            INSERT INTO jobs (id, organization_id, kind, payload, status, due_at, attempts, created_at)
            VALUES (\(bind: jobID(organizationID: organizationID, at: at)), \(bind: organizationID), \(bind: JobKind.retentionRun.rawValue),
                    \(bind: payload), \(bind: Job.Status.queued.rawValue), \(bind: at), 0, \(bind: now))
            ON CONFLICT (id) DO NOTHING
            """).run()
    }

    static func jobID(organizationID: UUID, at: Date) -> UUID {
        let digest = Array(SHA256.hash(data: Data("retention:\(organizationID.uuidString):\(Int(at.timeIntervalSince1970))".utf8)))
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    static func run(_ job: JobQueue.Claimed, rules: RetentionRules = RetentionRules(), context: JobContext) async throws {
        let organizationID = job.organizationID
        let cutoffs = rules.cutoffs(now: context.now)
        let sql = try context.db.sql()
        try await sql.raw("""
            DELETE FROM jobs WHERE organization_id = \(bind: organizationID) AND status = \(bind: Job.Status.done.rawValue)
              AND finished_at < \(bind: cutoffs.finishedJobsBefore)
            """).run()
        try await sql.raw("""
            DELETE FROM messages WHERE organization_id = \(bind: organizationID)
              AND ((read_at IS NOT NULL AND read_at < \(bind: cutoffs.readMessagesBefore)) OR created_at < \(bind: cutoffs.unreadMessagesBefore))
            """).run()
        try await sql.raw("DELETE FROM auth_tokens WHERE organization_id = \(bind: organizationID) AND expires_at < \(bind: context.now)").run()
        // HR files held for a preview nobody applied, and single sign-ons nobody finished: names and secrets kept no longer than needed.
        try await sql.raw("""
            DELETE FROM \(ident: HRImports.staged) WHERE organization_id = \(bind: organizationID)
              AND created_at < \(bind: context.now.addingTimeInterval(-HRImports.stagedLifetime))
            """).run()
        try await sql.raw("""
            DELETE FROM \(ident: SingleSignOn.table) WHERE organization_id = \(bind: organizationID)
              AND created_at < \(bind: context.now.addingTimeInterval(-SingleSignOn.lifetime))
            """).run()
        // Workers belong to no organization; whichever run comes first forgets those gone for a day.
        try await WorkerHeartbeats.forget(seenBefore: context.now.addingTimeInterval(-86_400), on: context.db)
        try await QueryPlanner.refreshStatistics(on: sql)
        let zone = try await Organization.find(organizationID, on: context.db)?.zone ?? .defaultForOrganizations
        // The same nightly pass looks a week ahead in the peer-support rota, and at supporters' supervision.
        try await RotaGapAlerts.run(organizationID: organizationID, timeZone: zone, context: context)
        try await SupervisionReminders.run(organizationID: organizationID, context: context)
        try await plan(organizationID: organizationID, after: context.now, timeZone: zone, now: context.now, on: context.db)
    }
}
