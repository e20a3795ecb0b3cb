import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

@Suite("Generated organizations")
struct RegionGeneratorTests {
    /// What a benchmark ran on can be made again: the same seed gives the same organization, row for row.
    @Test func theSameSeedGivesTheSameOrganization() async throws {
        func fingerprint(seed: UInt64) async throws -> [String] {
            var lines: [String] = []
            try await withTestApp(seed: false) { app in
                let summary = try await RegionGenerator.generate(app, people: 120, casesPerPerson: 2, seed: seed)
                #expect(summary.people == 120)
                #expect(summary.cases >= 240)
                #expect(summary.steps == summary.cases * 10)
                let sql = try app.db.sql()
                for row in try await sql.raw("SELECT id, name FROM people ORDER BY id").all() {
                    lines.append("\(try row.decode(column: "id", as: UUID.self)) \(try row.decode(column: "name", as: String.self))")
                }
                for row in try await sql.raw("SELECT id, status FROM pathway_steps ORDER BY id").all() {
                    lines.append("\(try row.decode(column: "id", as: UUID.self)) \(try row.decode(column: "status", as: String.self))")
                }
                // Every level leads: wards, departments and divisions each have a leader who sees their own tasks.
                let leader = try await Browser.signedIn(app, as: "leader1")
                #expect(try await leader.get(SiteRoute.tasks.path).status == .ok)
            }
            return lines
        }
        let first = try await fingerprint(seed: 11)
        #expect(first.count > 2000)
        #expect(try await fingerprint(seed: 11) == first)
        #expect(try await fingerprint(seed: 12) != first)
    }
}
