public enum Phase: String, CaseIterable, Sendable, Codable {
    case acute
    case followUp = "follow_up"
}

/// The ten points of the pathway, in the order they are shown.
public enum StepKey: String, CaseIterable, Sendable, Codable {
    case defusing
    case leaderSupport = "leader_support"
    case peerSupport = "peer_support"
    case reporting
    case followUpMeetings = "follow_up_meetings"
    case adjustments
    case learningReview = "learning_review"
    case apology
    case watchfulWaiting = "watchful_waiting"
    case externalHelp = "external_help"

    public var phase: Phase {
        switch self {
        case .defusing, .leaderSupport, .peerSupport, .reporting, .followUpMeetings, .adjustments: .acute
        case .learningReview, .apology, .watchfulWaiting, .externalHelp: .followUp
        }
    }

    public var position: Int { Self.allCases.firstIndex(of: self)! + 1 }

    /// Steps that mean something when a person asks for support with no event behind it.
    public static let selfReferral: [StepKey] = [
        .leaderSupport, .peerSupport, .followUpMeetings, .adjustments, .watchfulWaiting, .externalHelp,
    ]
}
