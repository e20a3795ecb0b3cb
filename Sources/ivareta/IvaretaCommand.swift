import App
import ArgumentParser
import Foundation
import Vapor

@main
struct IvaretaCommand: AsyncParsableCommand {
    static func main() async {
        let environment = ProcessInfo.processInfo.environment
        let level = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        if environment["IVARETA_LOG_FORMAT"] == "json" {
            LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
        } else {
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "ivareta",
        abstract: "Ivareta: care for the people who work here after adverse events and other distressing situations.",
        subcommands: [Serve.self, Worker.self, Migrate.self, OrganizationCommand.self, ImportCommand.self, Generate.self],
        defaultSubcommand: Serve.self)
}

struct DatabaseOptions: ParsableArguments {
    @ArgumentParser.Option(name: .customLong("data-dir"),
            help: "Folder for the SQLite database ivareta.sqlite (env IVARETA_DATA_DIR; default ./data). Ignored when DATABASE_URL is set.")
    var dataDirectory: String?

    func settings() throws -> Settings {
        let environment = ProcessInfo.processInfo.environment
        var settings = Settings(
            dataDirectory: dataDirectory ?? environment["IVARETA_DATA_DIR"] ?? "./data",
            databaseURL: environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            secureCookies: environment["IVARETA_SECURE_COOKIES"] == "1",
            smtp: try smtpSettings(environment),
            publicBaseURL: environment["IVARETA_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://127.0.0.1:8080",
            metricsToken: environment["IVARETA_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 })
        settings.instrumentsDirectory = environment["IVARETA_INSTRUMENTS_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        if let minutes = environment["IVARETA_SESSION_IDLE_MINUTES"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let value = Int(minutes), (1...1440).contains(value) else {
                throw ValidationError("IVARETA_SESSION_IDLE_MINUTES must be a number of minutes from 1 to 1440.")
            }
            settings.sessionIdleTimeout = TimeInterval(value * 60)
        }
        if let hours = environment["IVARETA_SESSION_HOURS"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let value = Int(hours), (1...72).contains(value) else { throw ValidationError("IVARETA_SESSION_HOURS must be a number of hours from 1 to 72.") }
            settings.sessionLifetime = TimeInterval(value * 3600)
        }
        if let key = environment["IVARETA_SECRET_KEY"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let bytes = Data(base64Encoded: key), bytes.count == 32 else {
                throw ValidationError("IVARETA_SECRET_KEY must be 32 random bytes in base64, such as the output of `openssl rand -base64 32`.")
            }
            settings.secretKey = bytes
        }
        if let file = environment["IVARETA_SSO_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            do {
                settings.singleSignOn = try SingleSignOnProvider.load(file: file)
            } catch let error as SingleSignOnProvider.ConfigurationError {
                throw ValidationError(error.sentence)
            }
        }
        return settings
    }

    /// E-mail is on when IVARETA_SMTP_HOST is set; the rest have defaults or are optional.
    private func smtpSettings(_ environment: [String: String]) throws -> SMTPSettings? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let host = value("IVARETA_SMTP_HOST") else { return nil }
        guard let from = value("IVARETA_SMTP_FROM") else { throw ValidationError("IVARETA_SMTP_FROM must be set when IVARETA_SMTP_HOST is.") }
        let securityText = value("IVARETA_SMTP_SECURITY") ?? SMTPSettings.Security.startTLS.rawValue
        guard let security = SMTPSettings.Security(rawValue: securityText) else {
            throw ValidationError("IVARETA_SMTP_SECURITY must be starttls, tls or none.")
        }
        let defaultPort = security == .tls ? 465 : 587
        guard let port = value("IVARETA_SMTP_PORT").map(Int.init) ?? defaultPort else { throw ValidationError("IVARETA_SMTP_PORT must be a number.") }
        let digest = try value("IVARETA_EMAIL_DIGEST_SECONDS").map { text in
            guard let seconds = Int(text), (0...3600).contains(seconds) else {
                throw ValidationError("IVARETA_EMAIL_DIGEST_SECONDS must be a number of seconds from 0 to 3600.")
            }
            return TimeInterval(seconds)
        } ?? SMTPSettings.defaultDigestWindow
        return SMTPSettings(host: host, port: port, security: security, username: value("IVARETA_SMTP_USERNAME"),
                            password: value("IVARETA_SMTP_PASSWORD"), from: from, caFile: value("IVARETA_SMTP_CA_FILE"), digestWindow: digest)
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Migrate the database and serve the web application and the API. Uses PostgreSQL when DATABASE_URL is set.")

    @ArgumentParser.Option(help: "Address to listen on (env IVARETA_HOSTNAME; default 127.0.0.1).")
    var hostname: String?

    @ArgumentParser.Option(help: "Port to listen on (env IVARETA_PORT; default 8080).")
    var port: Int?

    @OptionGroup var database: DatabaseOptions

    @ArgumentParser.Flag(help: "Fill an empty database with a demo hospital and print its logins. Never touches a database that has data.")
    var demo = false

    @ArgumentParser.Flag(name: .customLong("no-worker"), help: "Do not run the background worker (reminders) in this process; run `ivareta worker` elsewhere.")
    var noWorker = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let host = hostname ?? environment["IVARETA_HOSTNAME"] ?? "127.0.0.1"
        let portNumber = port ?? environment["IVARETA_PORT"].flatMap(Int.init) ?? 8080
        let idleText = environment["IVARETA_IDLE_TIMEOUT_SECONDS"] ?? "30"
        guard let idleSeconds = Int64(idleText), (1...3600).contains(idleSeconds) else {
            throw ValidationError("IVARETA_IDLE_TIMEOUT_SECONDS must be a number of seconds from 1 to 3600.")
        }
        let app = try await Application.make(Environment(name: "production", arguments: ["ivareta", "serve"]))
        do {
            var settings = try database.settings()
            // The demo's accounts sign in with a password alone, so anyone can look around.
            settings.requireTwoFactor = !demo && environment["IVARETA_REQUIRE_TWO_FACTOR"] != "0"
            try await configure(app, settings: settings)
            try await prepareDatabase(app)
            if demo {
                if let accounts = try await DemoSeeder.seedIfEmpty(app) {
                    say("Demo data created. Log in with any of these (password \(DemoSeeder.password)):")
                    for account in accounts { say("  \(account.username.padding(toLength: 12, withPad: " ", startingAt: 0)) \(account.description)") }
                } else {
                    say("The database already has data, so no demo data was added. Demo logins use the password \(DemoSeeder.password).")
                }
            }
            if !demo, try await FirstStart.hasNoOrganization(app) {
                app.logger.notice("""
                    The database has no organization yet, so nobody can sign in. Create one and its first administrator with \
                    `ivareta organization create --name NAME --country NO|DK|SE|FI --time-zone ZONE --language nb|da|en --admin USERNAME`, \
                    then open the link it prints. Or start with `--demo` to look around a demo hospital.
                    """)
            }
            app.http.server.configuration.hostname = host
            app.http.server.configuration.port = portNumber
            // A connection that sends nothing and is sent nothing for this long is closed: silent connections
            // left open by one client once used up every file descriptor and took /health off the air.
            app.http.server.configuration.idleTimeout = .seconds(idleSeconds)
            say("Ivareta is running: open http://\(host):\(portNumber)/")
            let worker = noWorker ? nil : Task { await BackgroundWorker.run(app) }
            try await app.execute()
            worker?.cancel()
            await worker?.value
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date and exit.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let app = try await Application.make(Environment(name: "production", arguments: ["ivareta"]))
        do {
            try await configure(app, settings: try database.settings())
            try await prepareDatabase(app)
            say("The database is up to date.")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

/// Writes a line at once, unbuffered, so start-up lines (the demo logins) show even when output goes to a file.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the background worker (due reminders) without the web server. Several may run against one PostgreSQL database.")

    @OptionGroup var database: DatabaseOptions

    @ArgumentParser.Option(name: .customLong("lease-seconds"),
                           help: "How long a claimed job stays with this worker before another may take it over (default 120).")
    var leaseSeconds = 120

    func run() async throws {
        let app = try await Application.make(Environment(name: "production", arguments: ["ivareta"]))
        do {
            try await configure(app, settings: try database.settings())
            try await prepareDatabase(app)
            say("Ivareta worker is running.")
            await BackgroundWorker.run(app, leaseSeconds: max(1, leaseSeconds))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill an empty database with a generated organization of any size, for benchmarks (the same seed, the same data).")

    @OptionGroup var database: DatabaseOptions

    @ArgumentParser.Option(help: "How many people work there.")
    var people: Int = 5_000

    @ArgumentParser.Option(name: .customLong("cases-per-person"), help: "Cases over three years, per person.")
    var casesPerPerson: Double = 5

    @ArgumentParser.Option(help: "The seed: the same seed gives the same organization.")
    var seed: UInt64 = 1

    func validate() throws {
        guard (25...1_000_000).contains(people) else { throw ValidationError("--people must be between 25 and 1,000,000.") }
        guard (0...50).contains(casesPerPerson) else { throw ValidationError("--cases-per-person must be between 0 and 50.") }
    }

    func run() async throws {
        let app = try await Application.make(Environment(name: "production", arguments: ["ivareta"]))
        do {
            try await configure(app, settings: try database.settings())
            try await prepareDatabase(app)
            let started = Date.now
            let summary = try await RegionGenerator.generate(app, people: people, casesPerPerson: casesPerPerson, seed: seed) { say($0) }
            say("Generated \(summary.people) people in \(summary.units) units, \(summary.events) events, \(summary.cases) cases and "
                + "\(summary.steps) steps in \(Int(Date.now.timeIntervalSince(started))) s. Leaders log in as leader1 …, "
                + "everyone else as person1 …; the password is \(RegionGenerator.password).")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

