import Foundation

/// A step marked done by mistake can be set back by the one who marked it, for a short while; after that the
/// record stands, as records do.
public enum StepUndo {
    public static let window: TimeInterval = 15 * 60

    /// Until when `person` may take back marking the step done; nil when they may not at all (someone else
    /// marked it, a record moved it, it is not done).
    public static func undoableUntil(_ step: PathwayStep, previous: StepStatus?, by person: UUID) -> Date? {
        guard step.status == .done, let previous, previous != .done, step.doneBy == person, let doneAt = step.doneAt else { return nil }
        return doneAt.addingTimeInterval(window)
    }

    public static func mayUndo(_ step: PathwayStep, previous: StepStatus?, by person: UUID, now: Date) -> Bool {
        undoableUntil(step, previous: previous, by: person).map { now < $0 } ?? false
    }

    /// The step as it was before it was marked done.
    public static func undone(_ step: PathwayStep, previous: StepStatus) -> PathwayStep {
        var copy = step
        copy.status = previous
        copy.doneAt = nil
        copy.doneBy = nil
        return copy
    }
}
