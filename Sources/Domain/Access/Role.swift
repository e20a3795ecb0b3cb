public enum Role: String, CaseIterable, Sendable, Codable {
    case involved
    case leader
    case peerSupporter = "peer_supporter"
    case coordinator
    case qualityAdvisor = "quality_advisor"
    case occupationalHealth = "occupational_health"
    case admin
}
