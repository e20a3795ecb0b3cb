/// Where a request for peer support stands.
public enum SupportRequestStatus: String, CaseIterable, Sendable, Codable {
    /// Asked; no supporter chosen yet.
    case open
    /// A supporter was chosen and told; they have not answered yet.
    case offered
    /// The supporter took it on.
    case accepted
    /// The person said not now; they can take it back at any time.
    case declined
    case closed

    /// Counts against the supporter's caseload.
    public var isActive: Bool { self == .offered || self == .accepted }
}
