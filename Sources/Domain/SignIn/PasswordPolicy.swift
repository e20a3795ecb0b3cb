import Foundation

/// What a password chosen here must be: long enough that guessing it offline takes too long, and none of the
/// passwords people reach for first. Checked before anything is stored; every problem is named at once.
public enum PasswordPolicy {
    public static let minimumLength = 12
    /// bcrypt reads 72 bytes and ignores the rest; a longer password is refused so nobody believes the rest counts.
    public static let maximumBytes = 72

    public enum Problem: String, Sendable, CaseIterable {
        case tooShort = "too_short"
        case tooLong = "too_long"
        case common
        case containsUsername = "contains_username"
        case mismatch
    }

    public static func problems(_ password: String, confirmation: String, username: String) -> [Problem] {
        var problems: [Problem] = []
        if password.count < minimumLength { problems.append(.tooShort) }
        if password.utf8.count > maximumBytes { problems.append(.tooLong) }
        let folded = password.lowercased()
        if password.count >= minimumLength, isCommon(folded) { problems.append(.common) }
        if username.count >= 3, folded.contains(username.lowercased()) { problems.append(.containsUsername) }
        if password != confirmation { problems.append(.mismatch) }
        return problems
    }

    /// Few different characters ("          ab", "aaaaaaaaaa12"), a run along the digits or a keyboard row, or a
    /// well-known long password.
    static func isCommon(_ folded: String) -> Bool {
        if Set(folded.filter { !$0.isWhitespace }).count < 5 { return true }
        let runs = ["01234567890123456789", "98765432109876543210", "qwertyuiopasdfghjklzxcvbnm", "qwertzuiopasdfghjklyxcvbnm",
                    "azertyuiopqsdfghjklmwxcvbn", "abcdefghijklmnopqrstuvwxyz"]
        if runs.contains(where: { $0.contains(folded) }) { return true }
        return wellKnown.contains(folded)
    }

    /// Long passwords found at the top of published breach lists, and their local kin.
    static let wellKnown: Set<String> = [
        "passwordpassword", "password1234", "password12345", "password123456", "iloveyou1234", "qwerty123456", "123456qwerty",
        "1q2w3e4r5t6y", "1qaz2wsx3edc", "q1w2e3r4t5y6", "zaq12wsxcde3", "letmein12345", "welcome12345", "welcome2024!", "welcome2025!",
        "welcome2026!", "sommer2024!!", "sommer2025!!", "sommer2026!!", "vinter2025!!", "vinter2026!!", "passord12345", "passord123456",
        "adgangskode1", "adgangskode12", "adgangskode123", "salasana1234", "lösenord1234", "sykehus12345", "hospital1234", "sygehus12345",
        "changeme1234", "administrator", "administrator1", "trustno1trustno1", "football1234", "princess1234", "sunshine1234",
    ]
}
