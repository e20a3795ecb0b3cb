import Foundation

/// What happens to the pathway of someone taken off an event: named by mistake, it closes; affected after
/// all though not directly involved, it stays open. The leader chooses; nothing is assumed.
public enum RemovalChoice: String, CaseIterable, Sendable {
    case close
    case keep
}

/// Putting an event right after it was registered: who is added, who is taken off and how, and which
/// steps' due times follow a corrected time.
public enum EventCorrection {
    public struct Plan: Equatable, Sendable {
        public let added: [UUID]
        public let removed: [UUID: RemovalChoice]
    }

    /// The people to add and to take off, in the order named. Nil with the people taken off for whom no
    /// choice was given, so the leader is asked before anything changes.
    public static func plan(current: Set<UUID>, wanted: [UUID], choices: [UUID: RemovalChoice]) -> Result<Plan, MissingChoices> {
        var seen: Set<UUID> = []
        let wantedOnce = wanted.filter { seen.insert($0).inserted }
        let added = wantedOnce.filter { !current.contains($0) }
        let leaving = current.subtracting(wantedOnce)
        let missing = leaving.filter { choices[$0] == nil }
        guard missing.isEmpty else { return .failure(MissingChoices(people: missing)) }
        return .success(Plan(added: added, removed: choices.filter { leaving.contains($0.key) }))
    }

    public struct MissingChoices: Error, Equatable {
        public let people: Set<UUID>
    }

    /// The new due times of steps that still wait and still have the due time planned from the event's old
    /// time; a due time someone set on purpose (the next follow-up meeting) stays.
    public static func retimed(_ steps: [PathwayStep], planned old: [StepKey: Date], now new: [StepKey: Date]) -> [StepKey: Date] {
        var moved: [StepKey: Date] = [:]
        for step in steps where step.status.isOpen {
            guard let due = step.dueAt, let was = old[step.key], due == was, let next = new[step.key], next != due else { continue }
            moved[step.key] = next
        }
        return moved
    }
}
