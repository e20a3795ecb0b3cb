import Foundation

/// When an overdue step is brought to the attention of the case owner's own leader.
public enum Escalation {
    /// A grace period after the due time: short for the defusing conversation, which loses its point once people
    /// have gone home; longer for steps measured in days.
    public static func escalateAt(dueAt: Date, key: StepKey) -> Date {
        let grace: TimeInterval = switch key {
        case .defusing: 3600
        case .leaderSupport, .peerSupport, .reporting: 4 * 3600
        default: 24 * 3600
        }
        return dueAt.addingTimeInterval(grace)
    }

    /// Only steps waiting for the organization escalate. An offer the person has not answered yet is their
    /// choice to make in their own time, so it is never escalated.
    public static func shouldEscalate(_ step: PathwayStep, now: Date) -> Bool {
        guard step.isOverdue(now: now) else { return false }
        return step.status == .pending || step.status == .accepted
    }
}
