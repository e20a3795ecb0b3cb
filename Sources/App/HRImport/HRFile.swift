import CSV
import Domain
import Foundation

/// Reads an HR export as it comes: UTF-8 with or without a byte-order mark, `;` or `,` between fields (whichever
/// the header uses more of), quoted fields with line breaks and doubled quotes. The parsing is CSV.swift's.
enum HRFile {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func read(_ data: Data) -> Result<ImportTable, ImportRefusal> {
        var bytes = data[...]
        if bytes.starts(with: byteOrderMark) { bytes = bytes.dropFirst(byteOrderMark.count) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(ImportRefusal([ImportProblem(line: firstLineNotUTF8(bytes), column: "", reason: .unreadable)]))
        }
        // A control character anywhere (a NUL in a column nobody maps, say) is refused: the file is held as text
        // between its preview and its application, and must read back the same.
        if let line = firstLineWithControlCharacter(text) {
            return .failure(ImportRefusal([ImportProblem(line: line, column: "", reason: .invalidText)]))
        }
        let headerLine = text.prefix { !$0.isNewline }
        let delimiter: UnicodeScalar = headerLine.filter { $0 == ";" }.count > headerLine.filter { $0 == "," }.count ? ";" : ","
        guard let reader = try? CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter), let header = reader.headerRow,
              header.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            return .failure(ImportRefusal([ImportProblem(line: 1, column: "", reason: .empty)]))
        }
        var records: [ImportTable.Record] = []
        var line = 2 + header.reduce(0) { $0 + lineBreaks(in: $1) }
        while let fields = reader.next() {
            if fields.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                records.append(ImportTable.Record(line: line, fields: fields))
            }
            line += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
        }
        if reader.error != nil { return .failure(ImportRefusal([ImportProblem(line: line, column: "", reason: .unreadable)])) }
        return .success(ImportTable(header: header, records: records))
    }

    /// Line breaks inside a quoted field: CR LF, LF or CR alone each count once.
    static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previousWasCR = false
        for scalar in field.unicodeScalars {
            if scalar == "\n" { if !previousWasCR { count += 1 } } else if scalar == "\r" { count += 1 }
            previousWasCR = scalar == "\r"
        }
        return count
    }

    private static func firstLineWithControlCharacter(_ text: String) -> Int? {
        var line = 1
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if !previousWasCR { line += 1 }
            } else if scalar == "\r" {
                line += 1
            } else if scalar != "\t" && scalar.properties.generalCategory == .control {
                return line
            }
            previousWasCR = scalar == "\r"
        }
        return nil
    }

    private static func firstLineNotUTF8(_ bytes: Data.SubSequence) -> Int {
        var line = 1
        for chunk in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if String(validating: chunk, as: UTF8.self) == nil { return line }
            line += 1
        }
        return line
    }
}
