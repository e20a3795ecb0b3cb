import Fluent
import SQLKit

/// One pathway has at most one request for a peer supporter that is not closed: two taps at once, or a tap
/// racing the automatic invitation, once made two, and two supporters were offered one person. Earlier
/// duplicates are closed first, keeping each pathway's oldest.
struct AddOneStandingRequestPerCase: AsyncMigration {
    var name: String { "036_AddOneStandingRequestPerCase" }

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("""
            UPDATE support_requests SET status = 'closed', version = version + 1
            WHERE status <> 'closed' AND EXISTS (
              SELECT 1 FROM support_requests older
              WHERE older.organization_id = support_requests.organization_id AND older.case_id = support_requests.case_id
                AND older.status <> 'closed'
                AND (older.created_at < support_requests.created_at
                  OR (older.created_at = support_requests.created_at AND older.id < support_requests.id)))
            """).run()
        try await sql.raw("""
            CREATE UNIQUE INDEX support_requests_one_standing ON support_requests (organization_id, case_id) WHERE status <> 'closed'
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX support_requests_one_standing").run()
    }
}
