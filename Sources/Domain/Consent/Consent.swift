import Foundation

/// What a person may allow to travel about them. Each is asked in plain words, stored as the person's own
/// record, and changeable at any time; no role's scope overrides it.
public enum ConsentKind: String, CaseIterable, Sendable, Codable {
    /// The case owner may see that the case needs attention, never why or what was answered.
    case attentionSignalToOwner = "attention_signal_to_owner"
    /// The case owner may see the person's earlier pathways when a new event involves them.
    case earlierCasesToOwner = "earlier_cases_to_owner"
}

/// A person's answers about one kind of consent: a general answer, and answers for single pathways, which win.
public struct ConsentChoices: Sendable, Equatable {
    public var general: Bool?
    public var byCase: [UUID: Bool]

    public init(general: Bool? = nil, byCase: [UUID: Bool] = [:]) {
        self.general = general
        self.byCase = byCase
    }

    /// Nothing answered means no: consent is never assumed.
    public func allows(caseID: UUID) -> Bool { byCase[caseID] ?? general ?? false }

    /// Whether the person has said anything that applies to this pathway; if not, they are asked (once).
    public func hasAnswered(caseID: UUID) -> Bool { byCase[caseID] != nil || general != nil }
}
