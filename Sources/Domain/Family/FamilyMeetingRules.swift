import Foundation

/// What the learning review concluded about the service.
public enum ReviewConclusion: String, CaseIterable, Sendable, Codable {
    case failureEstablished = "failure_established"
    case noFailure = "no_failure"
}

/// An apology is made when a failure in the service is established; otherwise the organization expresses its
/// regret. The two words are kept apart.
public enum FamilyMeetingKind: String, CaseIterable, Sendable, Codable {
    case apology
    case regret
}

/// Who attended the meeting with the patient and family, by role only: no patient identity is stored.
public enum AttendeeRole: String, CaseIterable, Sendable, Codable {
    case patient
    case relative
    case leader
    case physician
    case nurse
    case qualityAdvisor = "quality_advisor"
    case involvedEmployee = "involved_employee"
    case supportPerson = "support_person"
    case other
}

public enum FamilyMeetingRules {
    public enum Problem: String, Error, Sendable, CaseIterable {
        case heldInFuture = "held_in_future"
        case heldBeforeEvent = "held_before_event"
        case noAttendees = "no_attendees"
        /// The review concluded there was no failure in the service: the organization expresses regret.
        case apologyWithoutFailure = "apology_without_failure"
    }

    /// What the form proposes, from the review's conclusion; nothing before the review has concluded.
    public static func proposedKind(_ conclusion: ReviewConclusion?) -> FamilyMeetingKind? {
        switch conclusion {
        case .failureEstablished: .apology
        case .noFailure: .regret
        case nil: nil
        }
    }

    public static func check(heldAt: Date, kind: FamilyMeetingKind, roles: Set<AttendeeRole>, conclusion: ReviewConclusion?, eventAt: Date,
                             now: Date) -> Problem? {
        if heldAt > now.addingTimeInterval(EventRules.clockGrace) { return .heldInFuture }
        if heldAt < eventAt { return .heldBeforeEvent }
        if roles.isEmpty { return .noAttendees }
        if kind == .apology && conclusion == .noFailure { return .apologyWithoutFailure }
        return nil
    }
}
