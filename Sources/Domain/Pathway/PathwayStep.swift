import Foundation

public struct PathwayStep: Sendable, Equatable {
    public var key: StepKey
    public var status: StepStatus
    public var dueAt: Date?
    public var doneAt: Date?
    public var doneBy: UUID?
    public var recommended: Bool

    public init(key: StepKey, status: StepStatus = .pending, dueAt: Date?, doneAt: Date? = nil, doneBy: UUID? = nil, recommended: Bool = false) {
        self.key = key
        self.status = status
        self.dueAt = dueAt
        self.doneAt = doneAt
        self.doneBy = doneBy
        self.recommended = recommended
    }

    public var phase: Phase { key.phase }

    public func isOverdue(now: Date) -> Bool {
        guard status.isOpen, let dueAt else { return false }
        return dueAt < now
    }

    public struct TransitionRefused: Error, Equatable {
        public let from: StepStatus
        public let to: StepStatus
    }

    /// Moves the step, recording who finished it and when.
    public func moving(to next: StepStatus, by person: UUID, at now: Date) throws(TransitionRefused) -> PathwayStep {
        guard status.canMove(to: next) else { throw TransitionRefused(from: status, to: next) }
        var copy = self
        copy.status = next
        if next == .done {
            copy.doneAt = now
            copy.doneBy = person
        }
        return copy
    }
}
