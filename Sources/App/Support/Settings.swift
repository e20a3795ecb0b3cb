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
    /// E-mail is offered only when an SMTP server is configured.
    public var smtp: SMTPSettings?
    /// The address people use to reach Ivareta, for links in e-mails.
    public var publicBaseURL: String
    /// When set, `/metrics` answers only requests that carry it as a bearer token.
    public var metricsToken: String?
    /// Report each request's number of database queries in a header (for the tests' guards).
    public var countQueries = false
    /// PostgreSQL connections each event loop (one per core) may open. A page waits on several queries in turn;
    /// with one connection per core, 64 concurrent requests queue on two connections.
    public var postgresConnectionsPerLoop = 4
    /// How long a request waits for a free database connection before it is answered 503.
    public var databaseConnectionWaitSeconds: Int64 = 10
    /// A folder of the organization's own instrument files, read besides the shipped check-in.
    public var instrumentsDirectory: String?
    /// Whether every role that reads other people's data must sign in with a code as well (see `TwoFactor`).
    /// `serve` turns it on unless it serves the demo; tests turn it on where they test it.
    public var requireTwoFactor = false
    /// A session unused for this long has ended (`IVARETA_SESSION_IDLE_MINUTES`, default 30).
    public var sessionIdleTimeout: TimeInterval = 30 * 60
    /// A session ends this long after sign-in however busy it is (`IVARETA_SESSION_HOURS`, default 12).
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// Organizations that sign in with their own identity provider (`IVARETA_SSO_FILE`).
    public var singleSignOn: [SingleSignOnProvider] = []
    /// 32 bytes (`IVARETA_SECRET_KEY`, base64) that seal the authenticator secrets; nil keeps them as they are.
    public var secretKey: Data?

    public init(dataDirectory: String = "./data", databaseURL: String? = nil, bcryptCost: Int = 12, secureCookies: Bool = false,
                smtp: SMTPSettings? = nil, publicBaseURL: String = "http://127.0.0.1:8080", metricsToken: String? = nil) {
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
        self.smtp = smtp
        self.publicBaseURL = publicBaseURL
        self.metricsToken = metricsToken
    }

    public var sqlitePath: String { (dataDirectory as NSString).appendingPathComponent("ivareta.sqlite") }
}
