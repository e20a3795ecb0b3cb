import Foundation

/// A per-unit rule saying when a defusing conversation should be held. A rule without a unit applies to the
/// whole organization; empty `kinds` or `tags` mean "any".
public struct DefusingTriggerRule: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var unitID: UUID?
    public var kinds: Set<EventKind>
    public var minimumSeverity: Severity?
    public var tags: Set<EventTag>

    public init(id: UUID, name: String, unitID: UUID?, kinds: Set<EventKind>, minimumSeverity: Severity?, tags: Set<EventTag>) {
        self.id = id
        self.name = name
        self.unitID = unitID
        self.kinds = kinds
        self.minimumSeverity = minimumSeverity
        self.tags = tags
    }
}

public struct DefusingTriggerInput: Sendable {
    public var kind: EventKind
    public var severity: Severity
    public var tags: Set<EventTag>
    /// The event's unit and every unit above it, so a rule on a department covers its wards.
    public var unitLineage: Set<UUID>
    public var someoneAskedForIt: Bool

    public init(kind: EventKind, severity: Severity, tags: Set<EventTag>, unitLineage: Set<UUID>, someoneAskedForIt: Bool) {
        self.kind = kind
        self.severity = severity
        self.tags = tags
        self.unitLineage = unitLineage
        self.someoneAskedForIt = someoneAskedForIt
    }
}

public enum DefusingTriggerMatch: Sendable, Equatable {
    case rule(id: UUID, name: String)
    /// One involved person saying they need it is always enough.
    case personAsked

    public var label: String {
        switch self {
        case .rule(_, let name): name
        case .personAsked: "person_asked"
        }
    }
}

public enum DefusingTriggers {
    public static func matches(_ rules: [DefusingTriggerRule], for input: DefusingTriggerInput) -> [DefusingTriggerMatch] {
        var result: [DefusingTriggerMatch] = rules
            .filter { rule in
                let appliesToUnit = rule.unitID.map { input.unitLineage.contains($0) } ?? true
                let kindMatches = rule.kinds.isEmpty || rule.kinds.contains(input.kind)
                let severityMatches = rule.minimumSeverity.map { input.severity >= $0 } ?? true
                let tagsMatch = rule.tags.isEmpty || !rule.tags.isDisjoint(with: input.tags)
                return appliesToUnit && kindMatches && severityMatches && tagsMatch
            }
            .sorted { $0.name < $1.name }
            .map { .rule(id: $0.id, name: $0.name) }
        if input.someoneAskedForIt { result.append(.personAsked) }
        return result
    }
}
