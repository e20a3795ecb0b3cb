import Foundation

/// A CSV file as read: its header and its records, each with the line of the file it starts on (a quoted field
/// may hold line breaks, so records and lines differ).
public struct ImportTable: Sendable, Equatable {
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    public let header: [String]
    public let records: [Record]

    public init(header: [String], records: [Record]) {
        self.header = header
        self.records = records
    }

    /// Where each field is, by the mapping's column names; header names compare without case or surrounding space.
    func columns<Field: Hashable>(_ mapping: [Field: String]) -> [Field: Int] {
        let normalized = header.map(ImportTable.normalize)
        var found: [Field: Int] = [:]
        for (field, name) in mapping where name != ImportTable.absent {
            if let index = normalized.firstIndex(of: ImportTable.normalize(name)) { found[field] = index }
        }
        return found
    }

    /// What the administrator types for a column their export does not have (allowed only where a field may be empty).
    public static let absent = "-"

    /// The file's first line: every mapped column must be in it, once. A column the mapping names but the file
    /// lacks is refused rather than read as empty — a misspelt `parent_unit_code` would otherwise flatten the tree.
    func headerProblems<Field: Hashable>(_ mapping: [Field: String], fields: [Field], isRequired: (Field) -> Bool, column: (Field) -> String) -> [ImportProblem] {
        let normalized = header.map(ImportTable.normalize).filter { !$0.isEmpty }
        var problems: [ImportProblem] = []
        var seen: Set<String> = []
        for name in normalized where !seen.insert(name).inserted {
            problems.append(ImportProblem(line: 1, column: name, reason: .duplicateColumn))
        }
        let found = columns(mapping)
        for field in fields where found[field] == nil && !(column(field) == ImportTable.absent && !isRequired(field)) {
            problems.append(ImportProblem(line: 1, column: column(field), reason: .missingColumn))
        }
        return problems
    }

    static func normalize(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

extension ImportTable.Record {
    /// The field's value without surrounding space; empty when the record is short.
    func value(at index: Int?) -> String {
        guard let index, index < fields.count else { return "" }
        return fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
