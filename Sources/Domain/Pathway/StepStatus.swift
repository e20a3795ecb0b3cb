public enum StepStatus: String, CaseIterable, Sendable, Codable {
    case pending, offered, accepted, declined, done
    case notRelevant = "not_relevant"

    /// The only moves a step may make. A decline can be followed by a renewed offer, never by a reproach;
    /// `done` is final.
    public var allowedNext: Set<StepStatus> {
        switch self {
        case .pending: [.offered, .done, .notRelevant]
        case .offered: [.accepted, .declined, .done, .notRelevant]
        case .accepted: [.done, .declined]
        case .declined: [.offered]
        case .notRelevant: [.pending]
        case .done: []
        }
    }

    public func canMove(to next: StepStatus) -> Bool { allowedNext.contains(next) }

    /// The statuses of steps still waiting for someone, for queries that list them.
    public static var open: [StepStatus] { allCases.filter(\.isOpen) }

    /// Still waiting for someone to act, so it can be overdue and belongs on a task list.
    public var isOpen: Bool {
        switch self {
        case .pending, .offered, .accepted: true
        case .declined, .done, .notRelevant: false
        }
    }
}
