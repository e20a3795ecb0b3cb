import Domain
import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import App

/// 2026-11-23 12:00 UTC: every test runs at this moment.
let pinnedNow = Date(timeIntervalSince1970: 1_795_435_200)

/// Runs a test against a fresh app: its own SQLite file, or its own PostgreSQL database when `DATABASE_URL` is
/// set (the test script runs the suite once each way). The demo organization is seeded unless asked not to.
func withTestApp(seed: Bool = true, instrumentsDirectory: String? = nil, _ test: (Application) async throws -> Void) async throws {
    let databaseURL = try await freshPostgresDatabase()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ivareta-tests-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let app = try await Application.make(.testing)
    app.environment.arguments = ["ivareta"]
    app.environmentals = Environmentals(now: { pinnedNow }, uuid: { UUID() })
    do {
        var settings = Settings(dataDirectory: directory, databaseURL: databaseURL, bcryptCost: 4)
        settings.countQueries = true
        settings.instrumentsDirectory = instrumentsDirectory
        // Tests run side by side, each with its own app: keep them within the test cluster's connection limit.
        settings.postgresConnectionsPerLoop = 1
        // With hundreds of tests side by side a request may wait longer than a real server's users would; a 503 for
        // that wait says nothing about the behaviour under test.
        settings.databaseConnectionWaitSeconds = 120
        try await configure(app, settings: settings)
        app.logger.logLevel = .warning
        try await prepareDatabase(app)
        if seed { _ = try await DemoSeeder.seedIfEmpty(app) }
        try await test(app)
    } catch {
        try? await app.asyncShutdown()
        if let databaseURL { await dropPostgresDatabase(databaseURL) }
        throw error
    }
    try await app.asyncShutdown()
    // Each test's database goes when the test does, so a day of test runs does not fill the disk.
    if let databaseURL { await dropPostgresDatabase(databaseURL) }
}

var testsUsePostgres: Bool { ProcessInfo.processInfo.environment["DATABASE_URL"].map { !$0.isEmpty } ?? false }

/// Drops a test's own database (named `t_…`) on the test cluster.
private func dropPostgresDatabase(_ url: String) async {
    guard let base = ProcessInfo.processInfo.environment["DATABASE_URL"], let name = URLComponents(string: url)?.path.dropFirst(),
          name.hasPrefix("t_"), name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return }
    guard let admin = try? await Application.make(.testing) else { return }
    admin.logger.logLevel = .error
    try? admin.databases.use(.postgres(url: base), as: .psql)
    try? await admin.db.sql().raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run()
    try? await admin.asyncShutdown()
}

/// A new database on the test cluster for each test, so tests can run in parallel without seeing each other.
private func freshPostgresDatabase() async throws -> String? {
    guard let base = ProcessInfo.processInfo.environment["DATABASE_URL"], !base.isEmpty,
          var components = URLComponents(string: base) else { return nil }
    let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    let admin = try await Application.make(.testing)
    admin.logger.logLevel = .error
    do {
        try admin.databases.use(.postgres(url: base), as: .psql)
        try await admin.db.sql().raw("CREATE DATABASE \(unsafeRaw: name)").run()
    } catch {
        try? await admin.asyncShutdown()
        throw error
    }
    try await admin.asyncShutdown()
    components.path = "/" + name
    return components.string
}

extension Application {
    func account(_ username: String) async throws -> Account {
        try #require(try await Account.query(on: db).filter(\.$username == username).first())
    }

    func personID(_ username: String) async throws -> UUID { try await account(username).personID }

    func unitID(_ name: String) async throws -> UUID {
        try #require(try await App.Unit.query(on: db).filter(\.$name == name).first()?.id)
    }

    func personID(named name: String) async throws -> UUID {
        try #require(try await Person.query(on: db).filter(\.$name == name).first()?.id)
    }

    /// The version a pathway page shows for this step now, as its form sends it back.
    func stepVersion(_ caseID: UUID, _ key: StepKey) async throws -> String {
        "\(try #require(try await StepRecord.query(on: db).filter(\.$caseID == caseID).filter(\.$key == key).first()).version)"
    }

    /// The version a pathway page shows for the case now, as its close and reopen forms send it back.
    func caseVersion(_ caseID: UUID) async throws -> String {
        "\(try #require(try await Case.find(caseID, on: db)).version)"
    }

    /// Some case of this person, for access tests.
    func caseID(of username: String) async throws -> UUID {
        let person = try await personID(username)
        return try #require(try await Case.query(on: db).filter(\.$personID == person).first()?.id)
    }
}
