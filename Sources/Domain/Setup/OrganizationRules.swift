import Foundation

/// What a new organization and its first administrator must be given before anything is stored.
public enum OrganizationRules {
    public static let languages = ["nb", "da", "en"]

    public struct Input: Sendable, Equatable {
        public let name: String
        public let country: String
        public let timeZone: String
        public let language: String
        public let adminUsername: String
        public let adminEmail: String?

        public init(name: String, country: String, timeZone: String, language: String, adminUsername: String, adminEmail: String?) {
            self.name = name.trimmingCharacters(in: .whitespaces)
            self.country = country.uppercased()
            self.timeZone = timeZone
            self.language = language.lowercased()
            self.adminUsername = adminUsername.trimmingCharacters(in: .whitespaces).lowercased()
            self.adminEmail = adminEmail.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    public enum Problem: String, Sendable, CaseIterable {
        case name
        case country
        case timeZone = "time_zone"
        case language
        case username
        case email
    }

    public static func problems(_ input: Input) -> [Problem] {
        var problems = settingsProblems(name: input.name, country: input.country, timeZone: input.timeZone, language: input.language)
        if !isUsername(input.adminUsername) { problems.append(.username) }
        if let email = input.adminEmail, !isEmail(email) { problems.append(.email) }
        return problems
    }

    /// The organization's own settings, as at its creation and whenever the administrator changes them.
    public static func settingsProblems(name: String, country: String, timeZone: String, language: String) -> [Problem] {
        var problems: [Problem] = []
        if name.isEmpty || name.unicodeScalars.count > 200 || !TextRules.isAcceptable(name, multiline: false) { problems.append(.name) }
        if Country(rawValue: country) == nil { problems.append(.country) }
        if TimeZone(identifier: timeZone) == nil || !timeZone.contains("/") { problems.append(.timeZone) }
        if !languages.contains(language) { problems.append(.language) }
        return problems
    }

    /// Lower-case letters, digits, dots, hyphens and underscores, 3 to 64 of them, starting with a letter or digit:
    /// what people type at a login on a phone, and what HR systems give as a short name.
    public static func isUsername(_ text: String) -> Bool {
        guard (3...64).contains(text.unicodeScalars.count), let first = text.unicodeScalars.first,
              ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0) }
    }

    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return text.unicodeScalars.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !text.contains(where: { $0.isWhitespace })
            && TextRules.isAcceptable(text, multiline: false)
    }
}
