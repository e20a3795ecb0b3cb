import Domain
import Fluent
import Foundation
import SQLKit

/// How this organization's HR export names its columns, and how its HR titles map onto professions. Both are
/// the administrator's to edit; what is not set falls back to the documented defaults.
enum HRImportSettings {
    struct Loaded: Sendable {
        var units: [UnitField: String]
        var people: [PersonField: String]
        /// Lower-cased HR title → profession; the organization's own rows over the built-in ones.
        var titles: [String: Profession]
        /// The organization's own rows, for the settings page.
        var ownTitles: [(id: UUID, title: String, profession: Profession)]
    }

    static func load(organizationID: UUID, on db: any Database) async throws -> Loaded {
        let rows = try await db.sql().raw("""
            SELECT 'column' AS part, NULL AS id, kind AS a, field AS b, column_name AS c FROM \(ident: HRImports.columns)
            WHERE organization_id = \(bind: organizationID)
            UNION ALL
            SELECT 'title', CAST(id AS TEXT), hr_title, profession, NULL FROM \(ident: HRImports.professionMappings)
            WHERE organization_id = \(bind: organizationID)
            """).all()
        var loaded = Loaded(units: Dictionary(uniqueKeysWithValues: UnitField.allCases.map { ($0, $0.defaultColumn) }),
                            people: Dictionary(uniqueKeysWithValues: PersonField.allCases.map { ($0, $0.defaultColumn) }),
                            titles: TitleDefaults.professions, ownTitles: [])
        for row in rows {
            let a = try row.decode(column: "a", as: String.self), b = try row.decode(column: "b", as: String.self)
            if try row.decode(column: "part", as: String.self) == "column" {
                let column = try row.decode(column: "c", as: String.self)
                if a == ImportKind.units.rawValue, let field = UnitField(rawValue: b) { loaded.units[field] = column }
                if a == ImportKind.people.rawValue, let field = PersonField(rawValue: b) { loaded.people[field] = column }
            } else if let profession = Profession(rawValue: b), let id = try row.decode(column: "id", as: String?.self).flatMap(UUID.init(uuidString:)) {
                loaded.titles[a.lowercased()] = profession
                loaded.ownTitles.append((id, a, profession))
            }
        }
        loaded.ownTitles.sort { $0.title.lowercased() < $1.title.lowercased() }
        return loaded
    }

    enum Problem: String, CaseIterable, Sendable {
        case column
        case duplicateColumn = "duplicate_column"
        case title
    }

    /// Column names are plain text of at most 100 characters; two fields of one file cannot share a column.
    static func saveColumns(units: [UnitField: String], people: [PersonField: String], in context: ServiceContext) async throws -> [Problem] {
        guard AccessPolicy.mayAdministerOrganization(context.user.actor) else { throw HRImports.Failure.forbidden }
        let unitNames = UnitField.allCases.map { (units[$0] ?? "").trimmingCharacters(in: .whitespaces) }
        let peopleNames = PersonField.allCases.map { (people[$0] ?? "").trimmingCharacters(in: .whitespaces) }
        let all = unitNames + peopleNames
        if all.contains(where: { $0.isEmpty || $0.unicodeScalars.count > 100 || !TextRules.isAcceptable($0, multiline: false) }) { return [.column] }
        // "-": the export has no such column; only a field that may be empty can be without one.
        let required = UnitField.allCases.map(\.isRequired) + PersonField.allCases.map(\.isRequired)
        if zip(all, required).contains(where: { $0 == ImportTable.absent && $1 }) { return [.column] }
        for names in [unitNames, peopleNames] {
            let present = names.filter { $0 != ImportTable.absent }.map { $0.lowercased() }
            if Set(present).count != present.count { return [.duplicateColumn] }
        }
        try await context.transaction { tx in
            let org = tx.user.organizationID
            try await tx.db.sql().raw("DELETE FROM \(ident: HRImports.columns) WHERE organization_id = \(bind: org)").run()
            var insert = try tx.db.sql().insert(into: HRImports.columns).columns("id", "organization_id", "kind", "field", "column_name")
            for (field, name) in zip(UnitField.allCases, unitNames) {
                insert = insert.values(SQLBind(tx.newID()), SQLBind(org), SQLBind(ImportKind.units.rawValue), SQLBind(field.rawValue), SQLBind(name))
            }
            for (field, name) in zip(PersonField.allCases, peopleNames) {
                insert = insert.values(SQLBind(tx.newID()), SQLBind(org), SQLBind(ImportKind.people.rawValue), SQLBind(field.rawValue), SQLBind(name))
            }
            try await insert.run()
            try await tx.audit(.update, "import_settings", id: org, subject: nil)
        }
        return []
    }

    /// Adds or replaces the organization's mapping of one HR title.
    static func mapTitle(_ typed: String, to profession: Profession, in context: ServiceContext) async throws -> [Problem] {
        guard AccessPolicy.mayAdministerOrganization(context.user.actor) else { throw HRImports.Failure.forbidden }
        let title = typed.trimmingCharacters(in: .whitespaces)
        guard !title.isEmpty, title.unicodeScalars.count <= 200, TextRules.isAcceptable(title, multiline: false) else { return [.title] }
        try await context.transaction { tx in
            let org = tx.user.organizationID
            try await tx.db.lockOrganization(org)
            try await tx.db.sql().raw("""
                DELETE FROM \(ident: HRImports.professionMappings) WHERE organization_id = \(bind: org) AND hr_title = \(bind: title.lowercased())
                """).run()
            let id = tx.newID()
            try await tx.db.sql().insert(into: HRImports.professionMappings).columns("id", "organization_id", "hr_title", "profession")
                .values(SQLBind(id), SQLBind(org), SQLBind(title.lowercased()), SQLBind(profession.rawValue)).run()
            try await tx.audit(.create, "title_mapping", id: id, subject: nil)
        }
        return []
    }

    static func removeTitle(_ id: UUID, in context: ServiceContext) async throws {
        guard AccessPolicy.mayAdministerOrganization(context.user.actor) else { throw HRImports.Failure.forbidden }
        try await context.transaction { tx in
            let removed = try await tx.db.sql().raw("""
                DELETE FROM \(ident: HRImports.professionMappings) WHERE organization_id = \(bind: tx.user.organizationID) AND id = \(bind: id)
                RETURNING id
                """).all()
            guard !removed.isEmpty else { throw HRImports.Failure.notFound }
            try await tx.audit(.delete, "title_mapping", id: id, subject: nil)
        }
    }
}
