import Domain
import Fluent
import Foundation
import SQLKit

/// The person's consent records: read in one query per page, changed only by the person, audited.
enum Consents {
    static let table = "consents"
    /// `applies_to` of an answer for all the person's pathways.
    static let allCases = "all"

    /// The person's choices of every kind, in one query.
    static func choices(of personID: UUID, organizationID: UUID, on db: any Database) async throws -> [ConsentKind: ConsentChoices] {
        try await choices(of: [personID], organizationID: organizationID, on: db)[personID] ?? [:]
    }

    static func choices(of people: [UUID], organizationID: UUID, on db: any Database) async throws -> [UUID: [ConsentKind: ConsentChoices]] {
        guard !people.isEmpty else { return [:] }
        let rows = try await db.sql().raw("""
            SELECT person_id, kind, applies_to, granted FROM consents
            WHERE organization_id = \(bind: organizationID) AND person_id IN (\(binds: Array(Set(people))))
            """).all()
        var result: [UUID: [ConsentKind: ConsentChoices]] = [:]
        for row in rows {
            guard let kind = ConsentKind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
            let person = try row.decode(column: "person_id", as: UUID.self)
            let granted = try row.decode(column: "granted", as: Bool.self)
            let appliesTo = try row.decode(column: "applies_to", as: String.self)
            if appliesTo == allCases {
                result[person, default: [:]][kind, default: ConsentChoices()].general = granted
            } else if let caseID = UUID(uuidString: appliesTo) {
                result[person, default: [:]][kind, default: ConsentChoices()].byCase[caseID] = granted
            }
        }
        return result
    }

    enum Failure: Error, Equatable {
        /// Not one of the person's own pathways.
        case unknownCase(UUID)
    }

    struct Change: Sendable {
        let kind: ConsentKind
        /// Nil: for all the person's pathways.
        let caseID: UUID?
        let granted: Bool
    }

    /// Records the person's own answers, in one transaction with their audit entries. Only the person's own
    /// pathways can be named; another's, or another organization's, is refused as unknown.
    static func record(_ changes: [Change], in context: ServiceContext) async throws {
        guard !changes.isEmpty else { return }
        let user = context.user
        let named = Array(Set(changes.compactMap(\.caseID)))
        if !named.isEmpty {
            let own = try await context.db.sql().raw("""
                SELECT id FROM cases WHERE organization_id = \(bind: user.organizationID) AND person_id = \(bind: user.personID)
                  AND id IN (\(binds: named))
                """).all().map { try $0.decode(column: "id", as: UUID.self) }
            if let unknown = named.first(where: { !own.contains($0) }) { throw Failure.unknownCase(unknown) }
        }
        try await context.transaction { tx in
            for change in changes {
                let appliesTo = change.caseID?.uuidString ?? allCases
                try await tx.db.sql().raw("""
                    INSERT INTO consents (id, organization_id, person_id, case_id, kind, applies_to, granted, decided_at)
                    VALUES (\(bind: tx.newID()), \(bind: user.organizationID), \(bind: user.personID), \(bind: change.caseID),
                      \(bind: change.kind.rawValue), \(bind: appliesTo), \(bind: change.granted), \(bind: tx.now))
                    ON CONFLICT (organization_id, person_id, kind, applies_to) DO UPDATE SET granted = \(bind: change.granted), decided_at = \(bind: tx.now)
                    """).run()
                try await tx.audit(.update, "consent", id: change.caseID, subject: user.personID)
            }
        }
    }
}
