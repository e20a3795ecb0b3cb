/// The hard rules of matching a peer supporter. Each has a name the system shows when it refuses a choice;
/// the raw value is the API's `error.code`.
public enum MatchRule: String, CaseIterable, Sendable, Codable {
    /// Nobody supports themself.
    case ownSelf = "own_self"
    /// Someone involved in the same event carries the same event.
    case sameEvent = "same_event"
    /// The event's investigator judges what happened; support must stay apart from that.
    case investigator
    /// The facilitator of the event's learning review, for the same reason.
    case reviewFacilitator = "review_facilitator"
    /// The person's own leader, unless the person asks for them.
    case ownLeader = "own_leader"
    /// A supporter who asks for support themself is matched away from their own team, whom they work beside.
    case ownTeam = "own_team"
    /// Already passed this request on, or let it wait past their time to answer.
    case passed
    /// The person asked for someone from outside their own unit: a wish they made is kept, not weighed.
    case ownUnit = "own_unit"
    case onLeave = "on_leave"
    /// At or above their caseload cap: a scheme that overloads its supporters loses them.
    case overCap = "over_cap"
}
