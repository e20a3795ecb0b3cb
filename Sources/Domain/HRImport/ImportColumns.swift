import Foundation

/// The fields of `units.csv`, and the column names an HR export gives them unless the organization maps others.
public enum UnitField: String, Sendable, CaseIterable, Hashable {
    case code, name, parent, leader

    public var defaultColumn: String {
        switch self {
        case .code: "unit_code"
        case .name: "unit_name"
        case .parent: "parent_unit_code"
        case .leader: "leader_employee_number"
        }
    }

    public var isRequired: Bool { self == .code || self == .name }
}

/// The fields of `people.csv`.
public enum PersonField: String, Sendable, CaseIterable, Hashable {
    case employeeNumber = "employee_number"
    case name, email, title, units, language, manager

    public var defaultColumn: String {
        switch self {
        case .employeeNumber: "employee_number"
        case .name: "name"
        case .email: "email"
        case .title: "title"
        case .units: "unit_codes"
        case .language: "language"
        case .manager: "manager_employee_number"
        }
    }

    public var isRequired: Bool { self == .employeeNumber || self == .name || self == .units }
}

/// Which file an import reads.
public enum ImportKind: String, Sendable, CaseIterable, Codable {
    case units, people
}

/// Limits on what the files carry, as the rest of Ivareta stores it.
enum ImportLimits {
    static let name = 200
    static let code = 64
    static let email = 254
    static let title = 200

    static func isText(_ text: String, max: Int) -> Bool {
        text.unicodeScalars.count <= max && TextRules.isAcceptable(text, multiline: false)
    }
}
