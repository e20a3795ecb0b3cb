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
}
