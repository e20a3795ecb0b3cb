import Foundation

/// One reason a file cannot be imported, where it is: the line of the file and the column's name as the file
/// spells it. Any problem means nothing is written.
public struct ImportProblem: Sendable, Equatable, Hashable {
    public enum Reason: String, Sendable, CaseIterable {
        /// The file has no column for a field that must be there.
        case missingColumn = "missing_column"
        /// Two columns of the first line have the same name: which one is meant cannot be known.
        case duplicateColumn = "duplicate_column"
        /// A unit code with `,`, `;` or `|`, which people files use between several codes.
        case codeSeparator = "code_separator"
        case missingValue = "missing_value"
        /// Control or invisible characters, or longer than the field allows.
        case invalidText = "invalid_text"
        case duplicateCode = "duplicate_code"
        case unknownParent = "unknown_parent"
        case ownParent = "own_parent"
        case cycle
        case duplicateEmployeeNumber = "duplicate_employee_number"
        case invalidEmail = "invalid_email"
        case duplicateEmail = "duplicate_email"
        case unknownUnit = "unknown_unit"
        case unknownManager = "unknown_manager"
        case ownManager = "own_manager"
        /// The acting administrator is not in the file: applying it would deactivate them.
        case deactivatesYou = "deactivates_you"
        /// The file is not CSV that can be read (an unclosed quote, not UTF-8) or has no records.
        case unreadable
        case empty
    }

    public let line: Int
    public let column: String
    public let reason: Reason
    /// The value at fault, as the file has it, when naming it helps (an unknown code, the other line).
    public let value: String?

    public init(line: Int, column: String, reason: Reason, value: String? = nil) {
        self.line = line
        self.column = column
        self.reason = reason
        self.value = value
    }
}

/// Why a file is refused: every problem found, in the file's order.
public struct ImportRefusal: Error, Sendable, Equatable {
    public let problems: [ImportProblem]

    public init(_ problems: [ImportProblem]) {
        self.problems = problems
    }
}
