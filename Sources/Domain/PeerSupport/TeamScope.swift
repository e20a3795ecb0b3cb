/// A unit's own peer-support team, or the organization's central resource group, which anyone may turn to.
public enum TeamScope: String, CaseIterable, Sendable, Codable {
    case local
    case central
}
