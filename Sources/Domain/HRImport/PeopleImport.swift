import Foundation

/// Checks `people.csv` against the people stored, and says what applying it would change. People are matched by
/// employee number; someone stored without one (made by hand, like the first administrator) is taken over by the
/// line with their e-mail address. Someone with an employee number who is not in the file is deactivated, never
/// deleted; someone who comes back is reactivated.
public enum PeopleImport {
    public struct Existing: Sendable, Equatable {
        public let id: UUID
        public let employeeNumber: String?
        public let name: String
        public let email: String?
        public let profession: String
        public let language: String?
        public let units: Set<UUID>
        public let manager: String?
        public let active: Bool

        public init(id: UUID, employeeNumber: String?, name: String, email: String?, profession: String, language: String?, units: Set<UUID>,
                    manager: String?, active: Bool) {
            self.id = id
            self.employeeNumber = employeeNumber
            self.name = name
            self.email = email
            self.profession = profession
            self.language = language
            self.units = units
            self.manager = manager
            self.active = active
        }
    }

    /// What the rest of the organization gives the check: its units by code, how HR titles map onto professions,
    /// the languages people may prefer, and who is importing.
    public struct Context: Sendable {
        public let unitsByCode: [String: UUID]
        /// Lower-cased HR title → profession.
        public let professions: [String: String]
        public let fallbackProfession: String
        /// A language as HR writes it (lower-cased) → the language stored; unknown ones are stored as none.
        public let language: @Sendable (String) -> String?
        public let actingPersonID: UUID?

        public init(unitsByCode: [String: UUID], professions: [String: String], fallbackProfession: String,
                    language: @escaping @Sendable (String) -> String?, actingPersonID: UUID?) {
            self.unitsByCode = unitsByCode
            self.professions = professions
            self.fallbackProfession = fallbackProfession
            self.language = language
            self.actingPersonID = actingPersonID
        }
    }

    public struct Row: Sendable, Equatable {
        public let line: Int
        public let employeeNumber: String
        public let name: String
        public let email: String?
        public let title: String
        public let profession: String
        public let units: Set<UUID>
        public let unitCodes: Set<String>
        public let language: String?
        public let manager: String?
    }

    public enum Change: String, Sendable, CaseIterable {
        case employeeNumber = "employee_number"
        case name, email, profession, units, language, manager
    }

    public struct Changed: Sendable, Equatable {
        public let id: UUID
        public let row: Row
        public let fields: [Change]
        public let reactivated: Bool
        /// The units they were in, when they moved.
        public let unitsBefore: Set<UUID>
    }

    public struct Plan: Sendable, Equatable {
        public let added: [Row]
        /// Changed or reactivated (or both); `moved` are those whose units changed.
        public let changed: [Changed]
        public let deactivated: [Existing]
        public let unchanged: Int
        /// Every row of the file, for the leader scopes that follow it.
        public let rows: [Row]
        /// HR titles no mapping knows, with how many people carry them: stored as the fallback profession.
        public let unmappedTitles: [String: Int]

        public var moved: [Changed] { changed.filter { $0.fields.contains(.units) } }
        public var reactivated: [Changed] { changed.filter(\.reactivated) }
        public var hasWrites: Bool { !added.isEmpty || !changed.isEmpty || !deactivated.isEmpty }
    }

    public static func plan(_ table: ImportTable, columns mapping: [PersonField: String], existing: [Existing],
                            context: Context) -> Result<Plan, ImportRefusal> {
        let at = table.columns(mapping)
        let name = { (field: PersonField) in mapping[field] ?? field.defaultColumn }
        var problems = table.headerProblems(mapping, fields: PersonField.allCases, isRequired: \.isRequired, column: name)
        guard problems.isEmpty else { return .failure(ImportRefusal(problems)) }
        guard !table.records.isEmpty else { return .failure(ImportRefusal([ImportProblem(line: 1, column: "", reason: .empty)])) }

        var rows: [Row] = []
        var lineOfNumber: [String: Int] = [:], lineOfEmail: [String: Int] = [:]
        var unmapped: [String: Int] = [:]
        for record in table.records {
            let number = record.value(at: at[.employeeNumber]), fullName = record.value(at: at[.name])
            let email = record.value(at: at[.email]), title = record.value(at: at[.title])
            let unitCodes = record.value(at: at[.units]), language = record.value(at: at[.language]), manager = record.value(at: at[.manager])
            var bad = false
            func problem(_ field: PersonField, _ reason: ImportProblem.Reason, _ value: String? = nil) {
                problems.append(ImportProblem(line: record.line, column: name(field), reason: reason, value: value))
                bad = true
            }
            if number.isEmpty { problem(.employeeNumber, .missingValue) }
            else if !ImportLimits.isText(number, max: ImportLimits.code) { problem(.employeeNumber, .invalidText) }
            else if let first = lineOfNumber[number] { problem(.employeeNumber, .duplicateEmployeeNumber, "\(first)") }
            else { lineOfNumber[number] = record.line }
            if fullName.isEmpty { problem(.name, .missingValue) } else if !ImportLimits.isText(fullName, max: ImportLimits.name) { problem(.name, .invalidText) }
            let address = email.lowercased()
            if !email.isEmpty {
                if !OrganizationRules.isEmail(email) { problem(.email, .invalidEmail) }
                else if let first = lineOfEmail[address] { problem(.email, .duplicateEmail, "\(first)") }
                else { lineOfEmail[address] = record.line }
            }
            if !ImportLimits.isText(title, max: ImportLimits.title) { problem(.title, .invalidText) }
            var units: Set<UUID> = []
            let codes = unitCodes.split(whereSeparator: { "|,;".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if codes.isEmpty { problem(.units, .missingValue) }
            for code in codes {
                if let unit = context.unitsByCode[code] { units.insert(unit) } else { problem(.units, .unknownUnit, code) }
            }
            if !ImportLimits.isText(language, max: 35) { problem(.language, .invalidText) }
            if !ImportLimits.isText(manager, max: ImportLimits.code) { problem(.manager, .invalidText) }
            if !manager.isEmpty && manager == number { problem(.manager, .ownManager, manager) }
            guard !bad else { continue }
            let profession = context.professions[title.lowercased()]
            if profession == nil && !title.isEmpty { unmapped[title, default: 0] += 1 }
            rows.append(Row(line: record.line, employeeNumber: number, name: fullName, email: email.isEmpty ? nil : address, title: title,
                            profession: profession ?? context.fallbackProfession, units: units, unitCodes: Set(codes),
                            language: language.isEmpty ? nil : context.language(language.lowercased()), manager: manager.isEmpty ? nil : manager))
        }
        for row in rows {
            if let manager = row.manager, lineOfNumber[manager] == nil {
                problems.append(ImportProblem(line: row.line, column: name(.manager), reason: .unknownManager, value: manager))
            }
        }

        let byNumber = Dictionary(existing.compactMap { person in person.employeeNumber.map { ($0, person) } }, uniquingKeysWith: { first, _ in first })
        // Only people without an employee number can be taken over by their address; the first one stored wins.
        let unnumberedByEmail = Dictionary(existing.filter { $0.employeeNumber == nil }.compactMap { person in person.email.map { ($0.lowercased(), person) } },
                                           uniquingKeysWith: { first, _ in first })
        var added: [Row] = [], changed: [Changed] = [], unchanged = 0
        var matched: Set<UUID> = []
        for row in rows {
            guard let person = byNumber[row.employeeNumber] ?? row.email.flatMap({ unnumberedByEmail[$0] }) else { added.append(row); continue }
            matched.insert(person.id)
            var fields: [Change] = []
            if person.employeeNumber != row.employeeNumber { fields.append(.employeeNumber) }
            if person.name != row.name { fields.append(.name) }
            if person.email?.lowercased() != row.email { fields.append(.email) }
            if person.profession != row.profession { fields.append(.profession) }
            if person.units != row.units { fields.append(.units) }
            if person.language != row.language { fields.append(.language) }
            if person.manager != row.manager { fields.append(.manager) }
            if fields.isEmpty && person.active { unchanged += 1; continue }
            changed.append(Changed(id: person.id, row: row, fields: fields, reactivated: !person.active, unitsBefore: person.units))
        }
        let deactivated = existing.filter { $0.active && $0.employeeNumber != nil && !matched.contains($0.id) }
            .sorted { ($0.employeeNumber ?? "") < ($1.employeeNumber ?? "") }
        if let me = context.actingPersonID, deactivated.contains(where: { $0.id == me }) {
            let number = deactivated.first { $0.id == me }?.employeeNumber
            problems.append(ImportProblem(line: 1, column: name(.employeeNumber), reason: .deactivatesYou, value: number))
        }
        guard problems.isEmpty else { return .failure(ImportRefusal(problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })) }
        return .success(Plan(added: added, changed: changed, deactivated: deactivated, unchanged: unchanged, rows: rows, unmappedTitles: unmapped))
    }
}
