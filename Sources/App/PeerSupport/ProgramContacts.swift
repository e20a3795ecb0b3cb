import Domain
import Fluent
import Foundation
import SQLKit

/// The program's contacts, named by a coordinator on the scheme page.
enum ProgramContacts {
    static let table = "program_contacts"

    struct Contact: Sendable {
        let personID: UUID
        let name: String
        let username: String
    }

    static func list(organizationID: UUID, on db: any Database) async throws -> [Contact] {
        try await db.sql().raw("""
            SELECT c.person_id, p.name, a.username FROM program_contacts c
            JOIN people p ON p.id = c.person_id AND p.organization_id = c.organization_id
            JOIN accounts a ON a.person_id = c.person_id AND a.organization_id = c.organization_id
            WHERE c.organization_id = \(bind: organizationID)
            ORDER BY p.name, c.person_id
            LIMIT 50
            """).all().map { row in
            Contact(personID: try row.decode(column: "person_id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                    username: try row.decode(column: "username", as: String.self))
        }
    }

    /// Names someone with an account here as a contact; naming them twice changes nothing.
    static func add(username: String?, in context: ServiceContext) async throws {
        guard AccessPolicy.mayRunPeerSupport(context.user.actor) else { throw SchemeEditing.Failure.forbidden }
        let name = (username ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !name.isEmpty, name.count <= 200,
              let account = try await Account.query(on: context.db).filter(\.$organizationID == context.user.organizationID)
                  .filter(\.$username == name).first()
        else { throw SchemeEditing.Failure.invalid(.unknownPerson) }
        try await context.transaction { tx in
            let added = try await tx.db.sql().insert(into: table).columns("id", "organization_id", "person_id", "created_at")
                .values(SQLBind(tx.newID()), SQLBind(tx.user.organizationID), SQLBind(account.personID), SQLBind(tx.now))
                .ignoringConflicts(with: ["organization_id", "person_id"]).returning("id").all()
            if !added.isEmpty { try await tx.audit(.create, "program_contact", id: account.personID, subject: account.personID) }
        }
    }

    static func remove(personID: UUID, in context: ServiceContext) async throws {
        guard AccessPolicy.mayRunPeerSupport(context.user.actor) else { throw SchemeEditing.Failure.forbidden }
        try await context.transaction { tx in
            let removed = try await tx.db.sql().raw("""
                DELETE FROM program_contacts WHERE organization_id = \(bind: tx.user.organizationID) AND person_id = \(bind: personID) RETURNING id
                """).all()
            guard !removed.isEmpty else { throw SchemeEditing.Failure.notFound }
            try await tx.audit(.delete, "program_contact", id: personID, subject: personID)
        }
    }
}
