import Foundation

/// Everything `configure` needs to know from outside. The executable builds it from flags and the
/// environment; tests build it directly.
public struct Settings: Sendable {
    public var dataDirectory: String
    /// A PostgreSQL URL; SQLite in `dataDirectory` when nil.
    public var databaseURL: String?
    public var bcryptCost: Int
    /// Logs in with cookies marked `Secure` only when served over HTTPS.
    public var secureCookies: Bool

    public init(dataDirectory: String = "./data", databaseURL: String? = nil, bcryptCost: Int = 12, secureCookies: Bool = false) {
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
    }

    public var sqlitePath: String { (dataDirectory as NSString).appendingPathComponent("ivareta.sqlite") }
}
