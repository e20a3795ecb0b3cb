import SQLKit

/// Conditions on pathways that several queries share, written once so that a change to what they mean is made
/// in one place.
enum CasePredicates {
    /// Still involved in the event: the pathway's person was not taken off it by a correction of the event.
    static func stillInvolved(_ alias: String? = nil) -> SQLQueryString {
        let condition = SQLQueryString("left_event_at IS NULL")
        guard let alias else { return condition }
        return "\(ident: alias).\(condition)"
    }
}
