import Foundation

/// Checks `units.csv` against the units stored, and says what applying it would change. Units are matched by
/// their code; the file is the whole tree, so every parent must be in it. Units with no code (made by hand
/// before the first import) are left alone.
public enum UnitsImport {
    public struct Existing: Sendable, Equatable {
        public let id: UUID
        public let code: String?
        public let name: String
        public let parentID: UUID?
        public let leader: String?

        public init(id: UUID, code: String?, name: String, parentID: UUID?, leader: String?) {
            self.id = id
            self.code = code
            self.name = name
            self.parentID = parentID
            self.leader = leader
        }
    }

    public struct Row: Sendable, Equatable {
        public let line: Int
        public let code: String
        public let name: String
        public let parentCode: String?
        /// The leader's employee number; they may come with the people file later.
        public let leader: String?
    }

    public enum Change: String, Sendable, CaseIterable {
        case name, parent, leader
    }

    public struct Plan: Sendable, Equatable {
        /// In the file's order, parents before their children, so they can be written in it.
        public let added: [Row]
        public let changed: [Changed]
        public let unchanged: Int
        /// Stored units with a code that the file no longer has: kept, since events and people refer to them.
        public let left: [Existing]

        public var hasWrites: Bool { !added.isEmpty || !changed.isEmpty }
    }

    public struct Changed: Sendable, Equatable {
        public let id: UUID
        public let row: Row
        public let fields: [Change]
    }

    public static func plan(_ table: ImportTable, columns mapping: [UnitField: String], existing: [Existing]) -> Result<Plan, ImportRefusal> {
        let at = table.columns(mapping)
        let name = { (field: UnitField) in mapping[field] ?? field.defaultColumn }
        var problems = table.headerProblems(mapping, fields: UnitField.allCases, isRequired: \.isRequired, column: name)
        guard problems.isEmpty else { return .failure(ImportRefusal(problems)) }
        guard !table.records.isEmpty else { return .failure(ImportRefusal([ImportProblem(line: 1, column: "", reason: .empty)])) }

        var rows: [Row] = []
        var lineOfCode: [String: Int] = [:]
        var parents: [(line: Int, code: String)] = []
        for record in table.records {
            let code = record.value(at: at[.code]), title = record.value(at: at[.name])
            let parent = record.value(at: at[.parent]), leader = record.value(at: at[.leader])
            var bad = false
            func problem(_ field: UnitField, _ reason: ImportProblem.Reason, _ value: String? = nil) {
                problems.append(ImportProblem(line: record.line, column: name(field), reason: reason, value: value))
                bad = true
            }
            if code.isEmpty { problem(.code, .missingValue) } else if !ImportLimits.isText(code, max: ImportLimits.code) { problem(.code, .invalidText) }
            else if code.contains(where: { ",;|".contains($0) }) { problem(.code, .codeSeparator, code) }
            if title.isEmpty { problem(.name, .missingValue) } else if !ImportLimits.isText(title, max: ImportLimits.name) { problem(.name, .invalidText) }
            if !ImportLimits.isText(parent, max: ImportLimits.code) { problem(.parent, .invalidText) }
            if !ImportLimits.isText(leader, max: ImportLimits.code) { problem(.leader, .invalidText) }
            if !code.isEmpty, let first = lineOfCode[code] {
                problem(.code, .duplicateCode, "\(first)")
            } else if !code.isEmpty {
                lineOfCode[code] = record.line
            }
            if !code.isEmpty && parent == code { problem(.parent, .ownParent, parent) } else if !parent.isEmpty { parents.append((record.line, parent)) }
            if !bad {
                rows.append(Row(line: record.line, code: code, name: title, parentCode: parent.isEmpty ? nil : parent, leader: leader.isEmpty ? nil : leader))
            }
        }
        for (line, parent) in parents where lineOfCode[parent] == nil {
            problems.append(ImportProblem(line: line, column: name(.parent), reason: .unknownParent, value: parent))
        }
        problems += cycles(rows, column: name(.parent))
        guard problems.isEmpty else { return .failure(ImportRefusal(problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })) }

        let stored = Dictionary(existing.compactMap { unit in unit.code.map { ($0, unit) } }, uniquingKeysWith: { first, _ in first })
        let codeOfID = Dictionary(existing.compactMap { unit in unit.code.map { (unit.id, $0) } }, uniquingKeysWith: { first, _ in first })
        var added: [Row] = [], changed: [Changed] = [], unchanged = 0
        for row in ordered(rows) {
            guard let unit = stored[row.code] else { added.append(row); continue }
            var fields: [Change] = []
            if unit.name != row.name { fields.append(.name) }
            // A parent without a code (made by hand) is never the file's parent.
            if unit.parentID.map({ codeOfID[$0] ?? "" }) != row.parentCode { fields.append(.parent) }
            if unit.leader != row.leader { fields.append(.leader) }
            if fields.isEmpty { unchanged += 1 } else { changed.append(Changed(id: unit.id, row: row, fields: fields)) }
        }
        let inFile = Set(rows.map(\.code))
        let left = existing.filter { $0.code.map { !inFile.contains($0) } ?? false }.sorted { ($0.code ?? "") < ($1.code ?? "") }
        return .success(Plan(added: added, changed: changed, unchanged: unchanged, left: left))
    }

    /// Each unit whose parents lead back to itself, reported once on the line of the cycle's first unit in the file.
    static func cycles(_ rows: [Row], column: String) -> [ImportProblem] {
        let parent = Dictionary(rows.map { ($0.code, $0.parentCode) }, uniquingKeysWith: { first, _ in first })
        let line = Dictionary(rows.map { ($0.code, $0.line) }, uniquingKeysWith: { first, _ in first })
        var reported: Set<String> = [], settled: Set<String> = []
        var problems: [ImportProblem] = []
        for row in rows where !settled.contains(row.code) {
            var path: [String] = [], onPath: Set<String> = []
            var current: String? = row.code
            while let code = current, !settled.contains(code), parent[code] != nil || line[code] != nil {
                if onPath.contains(code) {
                    let loop = Array(path.drop { $0 != code })
                    if reported.isDisjoint(with: loop), let first = loop.min(by: { line[$0]! < line[$1]! }) {
                        problems.append(ImportProblem(line: line[first]!, column: column, reason: .cycle, value: (loop + [code]).joined(separator: " → ")))
                    }
                    reported.formUnion(loop)
                    break
                }
                path.append(code)
                onPath.insert(code)
                current = parent[code] ?? nil
            }
            settled.formUnion(path)
        }
        return problems
    }

    /// Parents before children, otherwise in the file's order.
    static func ordered(_ rows: [Row]) -> [Row] {
        var children: [String: [Row]] = [:]
        var roots: [Row] = []
        for row in rows {
            if let parent = row.parentCode { children[parent, default: []].append(row) } else { roots.append(row) }
        }
        var result: [Row] = []
        var queue = roots[...]
        while let row = queue.popFirst() {
            result.append(row)
            queue.append(contentsOf: children[row.code] ?? [])
        }
        return result
    }
}
