/// Why a suggested supporter fits, as the person sees it. Never anyone's caseload.
public enum MatchReason: String, CaseIterable, Sendable, Codable {
    case onCallNow = "on_call_now"
    case sameProfession = "same_profession"
    case speaksLanguage = "speaks_language"
    case outsideUnit = "outside_unit"
}
