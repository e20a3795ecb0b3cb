import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

extension Application {
    private struct SettingsKey: StorageKey {
        typealias Value = Settings
    }

    private struct UnknownUserPasswordHashKey: StorageKey {
        typealias Value = String
    }

    /// A hash of nothing anyone knows, checked against when a username does not exist.
    var unknownUserPasswordHash: String {
        get { storage[UnknownUserPasswordHashKey.self] ?? "" }
        set { storage[UnknownUserPasswordHashKey.self] = newValue }
    }

    /// Seals and opens the authenticator secrets with the configured key.
    var secretBox: SecretBox { SecretBox(key: settings.secretKey.map { SymmetricKey(data: $0) }) }

    public var settings: Settings {
        get { storage[SettingsKey.self] ?? Settings() }
        set { storage[SettingsKey.self] = newValue }
    }
}

/// The one configuration used by the executable and by the tests.
public func configure(_ app: Application, settings: Settings) async throws {
    app.settings = settings
    app.storageHealth = StorageHealth(dataDirectory: settings.databaseURL == nil ? settings.dataDirectory : nil)
    app.catalogue = try Catalogue.load()
    app.instruments = InstrumentLibrary.load(extraDirectory: settings.instrumentsDirectory, languages: AppLanguage.allCases.map(\.rawValue),
                                             logger: app.logger)
    app.passwords.use(.bcrypt(cost: settings.bcryptCost))
    app.unknownUserPasswordHash = try app.password.hash(Tokens.random())
    app.loginGuard = LoginGuard()
    app.providerMetadata = ProviderMetadata()
    if settings.secretKey == nil && settings.requireTwoFactor {
        app.logger.notice("IVARETA_SECRET_KEY is not set: authenticator secrets are stored unsealed. See docs/security.md.")
    }
    app.passwordChecks = PasswordChecks(threads: max(1, System.coreCount / 2))
    app.routes.defaultMaxBodySize = ByteCount(value: APIBody.maxBytes)

    ContentConfiguration.global.use(encoder: APIJSON.encoder(), for: .json)

    if let url = settings.databaseURL {
        try app.databases.use(.postgres(url: url, maxConnectionsPerEventLoop: settings.postgresConnectionsPerLoop,
                                                 connectionPoolTimeout: .seconds(settings.databaseConnectionWaitSeconds)), as: .psql)
    } else {
        try FileManager.default.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
        // SQLite runs its statements on the application's thread pool, by default one shared by every application
        // in the process with a thread per core. A connection waiting for another's write lock holds its thread
        // while it waits, so with two threads two waiters could stall the very writers they wait for. Each
        // application gets threads of its own, more than it has connections.
        app.threadPool = NIOThreadPool(numberOfThreads: max(4, 2 * System.coreCount))
        app.databases.use(.sqlite(.file(settings.sqlitePath), connectionPoolTimeout: .seconds(settings.databaseConnectionWaitSeconds)), as: .sqlite)
        app.writeGate = WriteGate()
    }
    app.migrations.add(AppMigrations.all)

    if let smtp = settings.smtp {
        let environmentals = app.environmentals
        app.mail = Mail(sender: SMTPClient(settings: smtp, group: app.eventLoopGroup, ids: environmentals.uuid, now: environmentals.now),
                        publicBaseURL: settings.publicBaseURL, digestWindow: smtp.digestWindow)
    }

    // Bodies are taken as sent: a compressed one is refused by DeclaredBodyLimit, never unpacked.
    app.http.server.configuration.requestDecompression = .disabled
    app.middleware = Middlewares()
    app.middleware.use(RequestIDMiddleware())
    if settings.countQueries { app.middleware.use(QueryCounting()) }
    app.middleware.use(RequestLogMiddleware(level: .info))
    app.middleware.use(RequestMetricsMiddleware(metrics: app.metrics))
    // Outside the error middleware, so error pages and API errors carry the same headers as other answers.
    app.middleware.use(SecurityHeaders(providers: settings.singleSignOn))
    app.middleware.use(AppErrorMiddleware())
    app.middleware.use(MethodNotAllowed())
    app.middleware.use(DeclaredBodyLimit())
    try routes(app)
}

/// Brings the schema up to date; SQLite also switches to write-ahead logging, which lets readers go on while
/// one writer writes.
///
/// A connection that finds another's write lock waits for it, sleeping, for at most five seconds
/// (`busy_timeout`), then fails. SQLiteNIO's own handler retries at once, forever: a write that ever waited on
/// a lock its own caller held would spin on its thread without end instead of failing with an error.
///
/// SQLite's connections also sync to disk at checkpoints rather than at every commit (`synchronous=NORMAL`):
/// in WAL mode the database stays consistent through any crash, and a crash of the process loses nothing; only
/// a power cut or a crash of the whole machine can lose the last commits before it. Without this, every page
/// that audits a read waited for one disk sync. An installation that cannot accept that runs on PostgreSQL.
/// The setting belongs to a connection: Fluent keeps one connection per event loop, so each is set here.
public func prepareDatabase(_ app: Application) async throws {
    if app.settings.databaseURL == nil, let sql = app.db as? any SQLDatabase {
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        for loop in app.eventLoopGroup.makeIterator() {
            guard let database = app.databases.database(logger: app.logger, on: loop) else { continue }
            try await database.withConnection { connection in
                try await connection.sql().raw("PRAGMA synchronous=NORMAL").run()
                try await connection.sql().raw("PRAGMA busy_timeout=5000").run()
            }
        }
    }
    try await app.autoMigrate()
    try await QueryPlanner.refreshStatistics(on: app.db.sql())
}

struct SecurityHeaders: AsyncMiddleware {
    /// Made once at start: the providers are read from a file then, and every answer carries the same policy.
    let contentSecurityPolicy: String

    init(providers: [SingleSignOnProvider]) {
        // Signing out of an organization that signs in with its own provider continues to that provider's sign-out,
        // a redirect the browser checks against form-action: those origins, and no others, are allowed too.
        let origins = providers.compactMap { URL(string: $0.issuer) }
            .compactMap { url in url.scheme.flatMap { scheme in url.host.map { "\(scheme)://\($0)" + (url.port.map { ":\($0)" } ?? "") } } }
        let formAction = (["'self'"] + Set(origins).sorted()).joined(separator: " ")
        contentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; form-action \(formAction)"
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: contentSecurityPolicy)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        // Pages and API answers are about people: no browser or proxy keeps a copy. Only the static assets,
        // which say otherwise themselves, may be cached.
        if !response.headers.contains(name: .cacheControl) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
