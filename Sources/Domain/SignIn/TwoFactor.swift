import Foundation

/// Two-factor sign-in with a time-based code (RFC 6238): who must use it, and which code is taken.
public enum TwoFactor {
    /// Thirty-second steps, six digits: what every authenticator app does by default.
    public static let stepSeconds: TimeInterval = 30
    public static let recoveryCodeCount = 10

    /// Everyone whose role reads other people's data: a stolen password alone must not open it.
    public static func isRequired(for roles: Set<Role>) -> Bool {
        !roles.isDisjoint(with: [.leader, .peerSupporter, .coordinator, .qualityAdvisor, .occupationalHealth, .admin])
    }

    public static func step(at time: Date) -> Int64 {
        Int64((time.timeIntervalSince1970 / stepSeconds).rounded(.down))
    }

    /// The step a typed code belongs to, when it is the code of the current step or one either side (a phone's
    /// clock a little off, a code typed as it turned) and newer than the last one taken: a code is never taken
    /// twice. `code(step)` is the code the secret gives for a step.
    public static func acceptedStep(_ typed: String, now: Date, lastStep: Int64?, code: (Int64) -> Int) -> Int64? {
        let digits = typed.filter { !$0.isWhitespace && $0 != "-" }
        guard digits.count == 6, digits.allSatisfy(\.isASCIIDigit), let value = Int(digits) else { return nil }
        let current = step(at: now)
        return [current - 1, current, current + 1].first { candidate in
            candidate > (lastStep ?? .min) && code(candidate) == value
        }
    }

    /// A recovery code as typed: letters and digits only, lower case, so "ABCD-EFGH" and "abcd efgh" are the same code.
    public static func normalizedRecoveryCode(_ typed: String) -> String {
        String(typed.lowercased().filter { $0.isASCIILetter || $0.isASCIIDigit })
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIILetter: Bool { isASCII && isLetter }
}
