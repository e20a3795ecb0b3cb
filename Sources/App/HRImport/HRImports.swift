import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Units and people from the organization's HR files: checked whole, previewed, applied in one transaction with
/// one audit entry. Used by the administrator's pages, the API and the command line alike.
enum HRImports {
    static let professionMappings = "profession_mappings"
    static let columns = "import_columns"
    static let staged = "staged_imports"
    /// An export of 20,000 people is about 2 MB.
    static let maxFileBytes = 16 * 1024 * 1024
    /// A file held for its preview is gone after this long, applied or not: it holds names and addresses.
    static let stagedLifetime: TimeInterval = 60 * 60

    enum Failure: Error {
        case forbidden
        case notFound
        case invalid([ImportProblem])
        /// The people or units changed between the preview and its application: this is the preview now.
        case changedMeanwhile(Preview)
    }

    /// Who imports, where and when: an administrator (on a page or through the API) or the command line (no person).
    struct Run: Outbox {
        let db: any Database
        let now: Date
        let ids: @Sendable () -> UUID
        var gate: WriteGate?
        let organizationID: UUID
        let actor: UUID?
        var sendsEmail = false
        var emailDigestWindow = ChannelPreferences.digestWindow
        /// For the accounts HR's leaders get: they sign in with single sign-on or after an invitation.
        let unusablePasswordHash: String

        func inside(_ db: any Database) -> Run {
            Run(db: db, now: now, ids: ids, gate: nil, organizationID: organizationID, actor: actor, sendsEmail: sendsEmail,
                emailDigestWindow: emailDigestWindow, unusablePasswordHash: unusablePasswordHash)
        }
    }

    struct Counts: Content, Equatable {
        var added = 0, changed = 0, moved = 0, deactivated = 0, reactivated = 0, unchanged = 0
    }

    /// What applying the file would do (or did).
    struct Preview: Sendable {
        let kind: ImportKind
        let units: UnitsImport.Plan?
        let people: PeopleImport.Plan?
        let leaders: HRLeadership.Difference
        /// Employee number → name, and unit code → name, for saying who and where.
        let personNames: [String: String]
        let unitNames: [String: String]
        /// Unit id → code, for saying where someone moved from and to.
        let unitCodes: [UUID: String]
        /// Units whose leader no file names: their leader is the manager most of their people name, and the preview says so.
        var inferredUnits: Set<String> = []

        var counts: Counts {
            var counts = Counts()
            if let units {
                counts.added = units.added.count
                counts.changed = units.changed.count
                counts.moved = units.changed.filter { $0.fields.contains(.parent) }.count
                counts.unchanged = units.unchanged
            }
            if let people {
                counts.added = people.added.count
                // Changed in something else than their units; a move alone is counted as moved.
                counts.changed = people.changed.filter { $0.fields.contains { $0 != .units } }.count
                counts.moved = people.moved.count
                counts.deactivated = people.deactivated.count
                counts.reactivated = people.reactivated.count
                counts.unchanged = people.unchanged
            }
            return counts
        }

        var hasWrites: Bool { (units?.hasWrites ?? false) || (people?.hasWrites ?? false) || !leaders.isEmpty }

        /// Names what would change, so that an application can tell whether it is still what the preview showed.
        var fingerprint: String {
            var lines = [kind.rawValue]
            if let units {
                lines += units.added.map { "+\($0.code)" }
                lines += units.changed.map { "~\($0.id)" + $0.fields.map(\.rawValue).joined(separator: ",") }
            }
            if let people {
                lines += people.added.map { "+\($0.employeeNumber)" }
                lines += people.changed.map { "~\($0.id)\($0.reactivated)" + $0.fields.map(\.rawValue).joined(separator: ",") }
                lines += people.deactivated.map { "-\($0.id)" }
            }
            lines += leaders.gained.map { "L+\($0.employeeNumber)@\($0.unitCode)" } + leaders.lost.map { "L-\($0.employeeNumber)@\($0.unitCode)" }
            return Tokens.hash(lines.joined(separator: "\n"))
        }
    }

    // MARK: Checking

    static func preview(_ kind: ImportKind, file: Data, run: Run) async throws -> Preview {
        let table = try table(file)
        return try plan(kind, table, state: try await HRImportState.load(organizationID: run.organizationID, on: run.db), actor: run.actor)
    }

    static func table(_ file: Data) throws -> ImportTable {
        switch HRFile.read(file) {
        case .success(let table): return table
        case .failure(let refusal): throw Failure.invalid(refusal.problems)
        }
    }

    static func plan(_ kind: ImportKind, _ table: ImportTable, state: HRImportState, actor: UUID?) throws -> Preview {
        let before = Set(state.hrScopes.keys)
        var personNames = Dictionary(state.people.compactMap { person in person.employeeNumber.map { ($0, person.name) } },
                                     uniquingKeysWith: { first, _ in first })
        var unitNames = Dictionary(state.units.compactMap { unit in unit.code.map { ($0, unit.name) } }, uniquingKeysWith: { first, _ in first })
        switch kind {
        case .units:
            let plan: UnitsImport.Plan
            switch UnitsImport.plan(table, columns: state.settings.units, existing: state.units) {
            case .success(let made): plan = made
            case .failure(let refusal): throw Failure.invalid(refusal.problems)
            }
            let rows = plan.added + plan.changed.map(\.row)
            for row in rows { unitNames[row.code] = row.name }
            let inFile = Set(rows.map(\.code))
            // Unchanged rows keep their stored leader, which is the file's.
            let units = state.leadershipUnits.filter { !inFile.contains($0.code) } + rows.map { HRLeadership.Unit(code: $0.code, leader: $0.leader) }
            let after = HRLeadership.scopes(units: units, people: state.leadershipPeople)
            return Preview(kind: kind, units: plan, people: nil, leaders: HRLeadership.Difference(now: before, after: after),
                           personNames: personNames, unitNames: unitNames, unitCodes: state.codeOfUnit,
                           inferredUnits: Set(units.filter { $0.leader == nil }.map(\.code)))
        case .people:
            let context = PeopleImport.Context(
                unitsByCode: state.unitsByCode, professions: state.settings.titles.mapValues(\.rawValue), fallbackProfession: Profession.other.rawValue,
                language: { AppLanguage(tag: $0)?.rawValue }, actingPersonID: actor)
            let plan: PeopleImport.Plan
            switch PeopleImport.plan(table, columns: state.settings.people, existing: state.people, context: context) {
            case .success(let made): plan = made
            case .failure(let refusal): throw Failure.invalid(refusal.problems)
            }
            for row in plan.rows { personNames[row.employeeNumber] = row.name }
            let inFile = Set(plan.rows.map(\.employeeNumber))
            let people = plan.rows.map { HRLeadership.Person(employeeNumber: $0.employeeNumber, units: $0.unitCodes, manager: $0.manager, active: true) }
                + state.leadershipPeople.filter { !inFile.contains($0.employeeNumber) }.map {
                    HRLeadership.Person(employeeNumber: $0.employeeNumber, units: $0.units, manager: $0.manager, active: false)
                }
            let after = HRLeadership.scopes(units: state.leadershipUnits, people: people)
            return Preview(kind: kind, units: nil, people: plan, leaders: HRLeadership.Difference(now: before, after: after),
                           personNames: personNames, unitNames: unitNames, unitCodes: state.codeOfUnit,
                           inferredUnits: Set(state.leadershipUnits.filter { $0.leader == nil }.map(\.code)))
        }
    }

    // MARK: Applying

    /// Checks the file again inside the transaction, with the organization locked, and writes it. With a
    /// fingerprint, applies only what that preview showed.
    static func apply(_ kind: ImportKind, file: Data, expecting fingerprint: String? = nil, run: Run,
                      alongside: (@Sendable (any Database) async throws -> Void)? = nil) async throws -> Preview {
        let table = try table(file)
        return try await run.db.writeTransaction(gate: run.gate) { db in
            try await alongside?(db)
            return try await applyInside(kind, table, expecting: fingerprint, run: run.inside(db))
        }
    }

    /// The same, inside a transaction the caller holds (with the API's idempotency record, for one).
    static func applyInside(_ kind: ImportKind, _ table: ImportTable, expecting fingerprint: String? = nil, run tx: Run) async throws -> Preview {
        let db = tx.db
        try await db.lockOrganization(tx.organizationID)
        let state = try await HRImportState.load(organizationID: tx.organizationID, on: db)
        let preview = try plan(kind, table, state: state, actor: tx.actor)
        if let fingerprint, fingerprint != preview.fingerprint { throw Failure.changedMeanwhile(preview) }
        guard preview.hasWrites else { return preview }
        try await HRImportWriter(run: tx, state: state, preview: preview).write()
        try await db.sql().insert(into: AuditEntry.schema)
            .columns("id", "organization_id", "actor_person_id", "action", "object_type", "object_id", "subject_person_id", "at", "detail")
            .values(SQLBind(tx.ids()), SQLBind(tx.organizationID), SQLBind(tx.actor), SQLBind(AuditLog.Action.update.rawValue),
                    SQLBind("hr_import_\(kind.rawValue)"), SQLBind(tx.organizationID), SQLBind(UUID?.none), SQLBind(tx.now),
                    SQLBind(String(decoding: try JSONEncoder().encode(preview.counts), as: UTF8.self)))
            .run()
        return preview
    }
}

extension HRImports.Run {
    /// The signed-in administrator's run.
    init(_ req: Request) throws {
        let user = try req.requireUser()
        self.init(db: req.db, now: req.now, ids: req.application.environmentals.uuid, gate: req.application.writeGate,
                  organizationID: user.organizationID, actor: user.personID, sendsEmail: req.application.mail != nil,
                  emailDigestWindow: req.application.mail?.digestWindow ?? ChannelPreferences.digestWindow,
                  unusablePasswordHash: req.application.unknownUserPasswordHash)
    }

    /// Whether a request carries an HR file, which may be larger than any other body.
    static func takesFile(_ path: String) -> Bool {
        [APIRoute.importUnits.path, APIRoute.importPeople.path, SiteRoute.imports.path].contains(path)
    }
}

extension HRImports {
    /// The organization's most recent import, from the audit log: which file, when, by whom and what it did.
    struct LastImport: Sendable {
        let kind: ImportKind
        let at: Date
        let by: String?
        let counts: Counts
    }

    static func last(organizationID: UUID, on db: any Database) async throws -> LastImport? {
        guard let row = try await db.sql().raw("""
            SELECT a.object_type, a.at, a.detail, p.name FROM audit_entries a
            LEFT JOIN people p ON p.id = a.actor_person_id AND p.organization_id = a.organization_id
            WHERE a.organization_id = \(bind: organizationID) AND a.object_type IN (\(binds: ImportKind.allCases.map { "hr_import_\($0.rawValue)" }))
            ORDER BY a.at DESC LIMIT 1
            """).first(),
            let kind = ImportKind(rawValue: String(try row.decode(column: "object_type", as: String.self).dropFirst("hr_import_".count)))
        else { return nil }
        let counts = try row.decode(column: "detail", as: String?.self).flatMap { try? JSONDecoder().decode(Counts.self, from: Data($0.utf8)) }
        return LastImport(kind: kind, at: try row.decode(column: "at", as: Date.self), by: try row.decode(column: "name", as: String?.self),
                          counts: counts ?? Counts())
    }
}
