import Domain
import Fluent
import Foundation
import SQLKit

/// The people who run the organization's peer-support programme.
enum Coordinators {
    static func of(_ organizationID: UUID, on db: any Database) async throws -> [UUID] {
        try await db.sql().raw("""
            SELECT DISTINCT a.person_id FROM accounts a
            JOIN account_roles r ON r.account_id = a.id AND r.organization_id = a.organization_id
            WHERE a.organization_id = \(bind: organizationID) AND r.role = \(bind: Role.coordinator.rawValue)
            """).all().map { try $0.decode(column: "person_id", as: UUID.self) }
    }
}
