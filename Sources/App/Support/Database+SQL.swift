import Fluent
import SQLKit

struct NotAnSQLDatabase: Error {}

extension Database {
    /// Both supported drivers speak SQL; lists and figures are read through SQLKit.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw NotAnSQLDatabase() }
        return sql
    }
}
