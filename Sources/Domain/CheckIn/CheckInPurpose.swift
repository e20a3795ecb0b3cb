/// Why a check-in is offered: the months after the event, or the week before its anniversary, when reactions
/// often come back, even after the pathway has closed.
public enum CheckInPurpose: String, CaseIterable, Sendable, Codable {
    case followUp = "follow_up"
    case anniversary
}
