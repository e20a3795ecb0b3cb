import Fluent
import Foundation
import SQLKit

struct NotAnSQLDatabase: Error {}

extension Database {
    /// Both supported drivers speak SQL; lists and figures are read through SQLKit.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw NotAnSQLDatabase() }
        return sql
    }

    /// Takes the organization's row for the rest of the transaction, so that two changes to one of its lists
    /// (its services, its check-in schedule) that check the list first run one after the other, not both on
    /// the list as it was.
    func lockOrganization(_ id: UUID) async throws {
        try await sql().raw("UPDATE organizations SET id = id WHERE id = \(bind: id)").run()
    }

    /// Takes a peer supporter's row (by their profile or their person) for the rest of the transaction: an offer to
    /// them and naming them a review's facilitator check their load and roles under it, one after the other.
    /// Their caseload cap, or nil when there is no such supporter.
    @discardableResult
    func lockSupporter(_ supporter: SQLQueryString, organizationID: UUID) async throws -> Int? {
        try await sql().raw("""
            UPDATE \(ident: PeerSupportSchema.profiles) SET caseload_cap = caseload_cap
            WHERE organization_id = \(bind: organizationID) AND \(supporter)
            RETURNING caseload_cap
            """).first()?.decode(column: "caseload_cap", as: Int.self)
    }
}
