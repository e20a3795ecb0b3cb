/// What happened, in the categories the program distinguishes. Raw values are the API's wire values.
public enum EventKind: String, CaseIterable, Sendable, Codable {
    case adverseEventHarm = "adverse_event_harm"
    case adverseEventNoHarm = "adverse_event_no_harm"
    case nearMiss = "near_miss"
    case occupationalAccident = "occupational_accident"
    case violenceThreat = "violence_threat"
    case unexpectedDeath = "unexpected_death"
    case otherDistressing = "other_distressing"
    case positiveEvent = "positive_event"
}

public enum Severity: String, CaseIterable, Sendable, Codable, Comparable {
    case minor, moderate, serious, critical

    var rank: Int {
        switch self {
        case .minor: 0
        case .moderate: 1
        case .serious: 2
        case .critical: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Circumstances a leader can tick when registering an event; defusing rules match on them.
public enum EventTag: String, CaseIterable, Sendable, Codable {
    case traumaCall = "trauma_call"
    case childDonor = "child_donor"
    case deathOnTable = "death_on_table"
}
