import Foundation

/// How the organization answers an improvement proposal. Not being taken seriously makes reactions worse, so
/// every proposal gets one of these, and "not adopted" says why.
public enum ProposalAnswer: String, CaseIterable, Sendable, Codable {
    case adopted
    case inProgress = "in_progress"
    case notAdopted = "not_adopted"
}

/// The learning review looks at the system, not at anyone's guilt, and is led by someone who supports nobody
/// involved: support stays apart from investigation, both ways (matching refuses the reverse).
public enum LearningReviewRules {
    public enum Problem: String, Error, Sendable, CaseIterable {
        /// The facilitator supports someone involved in the event: as their peer supporter, or as the owner of
        /// their follow-up.
        case supportsInvolvedPerson = "supports_involved_person"
        case reasonNeeded = "reason_needed"
        case textMissing = "text_missing"
        case textTooLong = "text_too_long"
        case alreadyAnswered = "already_answered"
        case scheduledTooFar = "scheduled_too_far"
        case notInvolved = "not_involved"
        case scheduledBeforeEvent = "scheduled_before_event"
        /// The facilitator was involved in the event themself.
        case facilitatorInvolved = "facilitator_involved"
    }

    public static let proposalLimit = 1000
    public static let reasonLimit = 1000
    /// A proposal is answered within four weeks.
    public static let answerWithin: TimeInterval = 28 * 86_400

    /// When the review should have been held: three months after a serious or critical event, six otherwise.
    public static func dueAt(eventAt: Date, severity: Severity, timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let months = severity >= .serious ? 3 : 6
        return calendar.date(byAdding: .month, value: months, to: eventAt) ?? eventAt.addingTimeInterval(Double(months) * 30 * 86_400)
    }

    public static func answerDue(proposedAt: Date) -> Date { proposedAt.addingTimeInterval(answerWithin) }

    /// The facilitator may not be anyone who supports an involved person of the event.
    public static func facilitator(_ person: UUID, supportersOfInvolved: Set<UUID>, ownersOfInvolved: Set<UUID>) -> Problem? {
        supportersOfInvolved.contains(person) || ownersOfInvolved.contains(person) ? .supportsInvolvedPerson : nil
    }

    public static func proposal(_ text: String) -> Result<String, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return .failure(.textMissing) }
        guard trimmed.unicodeScalars.count <= proposalLimit, TextRules.isAcceptable(trimmed, multiline: true) else { return .failure(.textTooLong) }
        return .success(trimmed)
    }

    /// An answer, with its reason; "not adopted" needs one, the others may have one.
    public static func answer(_ answer: ProposalAnswer, reason: String?, current: ProposalAnswer?) -> Result<String?, Problem> {
        if current == .adopted || current == .notAdopted { return .failure(.alreadyAnswered) }
        let text = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if answer == .notAdopted && text == nil { return .failure(.reasonNeeded) }
        if let text, text.unicodeScalars.count > reasonLimit || !TextRules.isAcceptable(text, multiline: true) { return .failure(.textTooLong) }
        return .success(text)
    }

    /// Waiting: no final answer yet ("in progress" still owes one) and its due date has come.
    public static func isWaiting(answer: ProposalAnswer?) -> Bool { answer == nil || answer == .inProgress }

    public static func isOverdue(answer: ProposalAnswer?, due: Date, now: Date) -> Bool { isWaiting(answer: answer) && due < now }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
