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
        for (field, name) in mapping {
            if let index = normalized.firstIndex(of: ImportTable.normalize(name)) { found[field] = index }
        }
        return found
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
