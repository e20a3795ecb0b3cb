/// Why a request moved on from a supporter.
public enum PassReason: String, CaseIterable, Sendable, Codable {
    /// They said they cannot take it.
    case passed
    /// Their time to answer ran out.
    case noAnswer = "no_answer"
    /// They handed it to a colleague, with the person's agreement.
    case handedOver = "handed_over"

    /// After this many passes the coordinators are told that a request is waiting; it keeps moving meanwhile.
    public static let alertCoordinatorsAfter = 2
}
