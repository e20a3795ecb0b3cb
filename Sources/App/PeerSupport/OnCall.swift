import Domain
import Fluent
import Foundation
import SQLKit

/// Whether someone is on call now, as their team's rota says: the only source for it.
enum OnCall {
    static func isOnCall(_ personID: UUID, organizationID: UUID, now: Date, on db: any Database) async throws -> Bool {
        let sql = try db.sql()
        guard let profile = try await sql.raw("""
            SELECT id FROM \(ident: PeerSupportSchema.profiles) WHERE organization_id = \(bind: organizationID) AND person_id = \(bind: personID)
            """).first()?.decode(column: "id", as: UUID.self)
        else { return false }
        let zone = try await Organization.find(organizationID, on: db)?.zone ?? .defaultForOrganizations
        let teams = try await SupporterDirectory.rotas(organizationID: organizationID, timeZone: zone, since: now, on: sql)
        return teams.contains { $0.rota.onCall(at: now).contains(profile) }
    }
}
