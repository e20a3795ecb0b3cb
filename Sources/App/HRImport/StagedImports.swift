import Domain
import Fluent
import Foundation
import SQLKit

/// A file the administrator uploaded, held between its preview and its application (a page cannot send the
/// file twice). It holds names and addresses, so it is gone once applied, and an hour after it came either way.
enum StagedImports {
    struct Staged: Sendable {
        let id: UUID
        let kind: ImportKind
        let file: Data
    }

    static func stage(_ kind: ImportKind, file: Data, run: HRImports.Run) async throws -> UUID {
        guard let actor = run.actor else { throw HRImports.Failure.forbidden }
        let id = run.ids()
        try await run.db.writeTransaction(gate: run.gate) { db in
            try await db.sql().raw("""
                DELETE FROM \(ident: HRImports.staged) WHERE organization_id = \(bind: run.organizationID)
                AND created_at < \(bind: run.now.addingTimeInterval(-HRImports.stagedLifetime))
                """).run()
            try await db.sql().insert(into: HRImports.staged).columns("id", "organization_id", "kind", "content", "created_by_person_id", "created_at")
                .values(SQLBind(id), SQLBind(run.organizationID), SQLBind(kind.rawValue), SQLBind(String(decoding: file, as: UTF8.self)),
                        SQLBind(actor), SQLBind(run.now))
                .run()
        }
        return id
    }

    /// The held file, if it is this organization's and not too old.
    static func find(_ id: UUID, run: HRImports.Run) async throws -> Staged? {
        guard let row = try await run.db.sql().raw("""
            SELECT kind, content FROM \(ident: HRImports.staged)
            WHERE organization_id = \(bind: run.organizationID) AND id = \(bind: id)
            AND created_at >= \(bind: run.now.addingTimeInterval(-HRImports.stagedLifetime))
            """).first(), let kind = ImportKind(rawValue: try row.decode(column: "kind", as: String.self)) else { return nil }
        return Staged(id: id, kind: kind, file: Data(try row.decode(column: "content", as: String.self).utf8))
    }

    /// Applies the held file as its preview showed it, and lets it go in the same transaction: a second click
    /// finds nothing held.
    static func apply(_ id: UUID, expecting fingerprint: String, run: HRImports.Run) async throws -> HRImports.Preview {
        guard let staged = try await find(id, run: run) else { throw HRImports.Failure.notFound }
        return try await HRImports.apply(staged.kind, file: staged.file, expecting: fingerprint, run: run) { db in
            let removed = try await db.sql().raw("""
                DELETE FROM \(ident: HRImports.staged) WHERE organization_id = \(bind: run.organizationID) AND id = \(bind: id) RETURNING id
                """).all()
            guard !removed.isEmpty else { throw HRImports.Failure.notFound }
        }
    }
}
