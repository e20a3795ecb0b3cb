import Foundation

/// The limits an event's fields keep: one source for validation, the form's `maxlength` and the API document.
public enum EventRules {
    public static let summaryLimit = 2000
    public static let referenceLimit = 100
    /// Clocks differ between a phone and the server; a minute ahead is still "now".
    public static let clockGrace: TimeInterval = 60
    /// Further back than this, a leader is asked to confirm the date: a mistyped year would otherwise make every
    /// step overdue at once and send escalations for all of them.
    public static let confirmOlderThan: TimeInterval = 30 * 86_400
    /// Nothing earlier is accepted at all; the program supports people after what happened recently.
    public static let oldestAccepted: TimeInterval = 2 * 366 * 86_400

    public enum TimeProblem: String, Sendable, Equatable {
        case inFuture = "in_future"
        case tooOld = "too_old"
        case needsConfirmation = "needs_confirmation"
    }

    public static func check(occurredAt: Date, now: Date, oldDateConfirmed: Bool) -> TimeProblem? {
        if occurredAt > now.addingTimeInterval(clockGrace) { return .inFuture }
        if occurredAt < now.addingTimeInterval(-oldestAccepted) { return .tooOld }
        if occurredAt < now.addingTimeInterval(-confirmOlderThan) && !oldDateConfirmed { return .needsConfirmation }
        return nil
    }
}

/// What free text may contain: printable characters; line breaks and tabs only where the field has lines.
public enum TextRules {
    public static func isAcceptable(_ text: String, multiline: Bool) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            if multiline && (scalar == "\n" || scalar == "\r" || scalar == "\t") { return true }
            switch scalar.properties.generalCategory {
            case .control, .surrogate, .unassigned, .privateUse: return false
            // Invisible format characters — direction marks and overrides, zero-width spaces, the byte-order mark —
            // make text read differently from what is stored, or two names look alike. The two joiners stay: some
            // scripts and emoji need them.
            case .format: return scalar.value == 0x200C || scalar.value == 0x200D
            // Line and paragraph separators.
            default: return scalar.value != 0x2028 && scalar.value != 0x2029
            }
        }
    }
}
