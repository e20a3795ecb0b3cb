/// Who the person would like to hear from after answering "Would you like someone to contact you?" with yes.
/// Nobody chosen means a peer supporter: the lowest threshold, and always there.
public enum ContactChoice: String, CaseIterable, Sendable, Codable {
    case peerSupporter = "peer_supporter"
    /// The leader who holds the pathway.
    case leader
    case occupationalHealth = "occupational_health"
}
