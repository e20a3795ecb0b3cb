import Foundation

/// When check-ins fall due after an event: day 3, week 1, week 2 and months 1 to 4 by default, each at the
/// same wall-clock time of day as the event, in the organization's time zone.
public struct CheckInSchedule: Sendable, Equatable {
    public enum Offset: Sendable, Equatable, Hashable {
        case days(Int)
        case weeks(Int)
        case months(Int)

        /// As stored and sent by forms: `d3`, `w1`, `m4`.
        public var code: String {
            switch self {
            case .days(let n): "d\(n)"
            case .weeks(let n): "w\(n)"
            case .months(let n): "m\(n)"
            }
        }

        public init?(code: String) {
            guard let first = code.first, let n = Int(code.dropFirst()), n > 0, n < 1000 else { return nil }
            switch first {
            case "d": self = .days(n)
            case "w": self = .weeks(n)
            case "m": self = .months(n)
            default: return nil
            }
        }
    }

    public let offsets: [Offset]

    public init(offsets: [Offset]) {
        self.offsets = offsets
    }

    public static let standard = CheckInSchedule(offsets: [.days(3), .weeks(1), .weeks(2), .months(1), .months(2), .months(3), .months(4)])

    /// The times an organization can choose from. Longer than nine months is the anniversary's.
    public static let choices: [Offset] = [.days(1), .days(3), .weeks(1), .weeks(2), .weeks(3), .months(1), .months(2), .months(3), .months(4),
                                           .months(6), .months(9)]

    /// Chosen from `choices`, in order, at least one and each once; nil otherwise.
    public static func chosen(_ offsets: [Offset]) -> CheckInSchedule? {
        let picked = choices.filter(offsets.contains)
        guard !picked.isEmpty, picked.count == offsets.count else { return nil }
        return CheckInSchedule(offsets: picked)
    }

    public func dueDates(after eventAt: Date, timeZone: TimeZone) -> [Date] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return offsets.compactMap { offset in
            switch offset {
            case .days(let days): calendar.date(byAdding: .day, value: days, to: eventAt)
            case .weeks(let weeks): calendar.date(byAdding: .day, value: 7 * weeks, to: eventAt)
            case .months(let months): calendar.date(byAdding: .month, value: months, to: eventAt)
            }
        }
    }
}

/// What the person's own answers call for. The rules read scores, never show them: a leader's "needs
/// attention" signal carries no answer, and only goes to them with the person's consent.
public enum CheckInEscalation {
    /// One answered check-in, as the rules need it.
    public struct Answered: Sendable, Equatable {
        public let answeredAt: Date
        public let score: InstrumentScore

        public init(answeredAt: Date, score: InstrumentScore) {
            self.answeredAt = answeredAt
            self.score = score
        }
    }

    public enum Reason: String, CaseIterable, Sendable {
        /// Strong reactions at the latest check-in, at any point after the event: early ones are common and often
        /// ease, but nobody who answers that way is left with a bare thank-you.
        case strongReactions = "strong_reactions"
        /// Reactions still strong three months or more after the event, when they rarely ease by themselves.
        case strongAfterThreeMonths = "strong_after_three_months"
        /// Reactions stronger, or doing worse, at each of the last two check-ins.
        case worsening
        case wantsContact = "wants_contact"
        case redFlag = "red_flag"
    }

    public struct Assessment: Sendable, Equatable {
        public let reasons: Set<Reason>

        /// The `external_help` step is suggested to the person.
        public var suggestsExternalHelp: Bool { !reasons.isEmpty }

        /// Whether the owner of the case may be told the case needs attention: only with the person's consent,
        /// and never what was answered.
        public func signalsOwner(consented: Bool) -> Bool { consented && suggestsExternalHelp }
    }

    /// The meaning of the instrument's threshold for strong reactions, and the subscales that trend.
    public static let strongReactions = "strong_reactions"
    public static let reactionsSubscale = "reactions"
    public static let wellbeingSubscale = "wellbeing"

    /// Whether the answer page opens with the crisis numbers and the ways to help: a red flag, or strong
    /// reactions at any point.
    public static func callsForCrisisHelp(_ score: InstrumentScore) -> Bool {
        score.redFlag || score.reached.contains(strongReactions)
    }

    public static func assess(_ history: [Answered], eventAt: Date, timeZone: TimeZone) -> Assessment {
        let answered = history.sorted { $0.answeredAt < $1.answeredAt }
        guard let latest = answered.last else { return Assessment(reasons: []) }
        var reasons: Set<Reason> = []
        if latest.score.redFlag { reasons.insert(.redFlag) }
        if latest.score.wantsContact { reasons.insert(.wantsContact) }
        if latest.score.reached.contains(strongReactions) { reasons.insert(.strongReactions) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        if let threeMonths = calendar.date(byAdding: .month, value: 3, to: eventAt), latest.answeredAt >= threeMonths,
           latest.score.reached.contains(strongReactions) {
            reasons.insert(.strongAfterThreeMonths)
        }
        if answered.count >= 3 {
            let last = Array(answered.suffix(3)).map(\.score)
            func rising(_ subscale: String) -> Bool {
                guard let a = last[0].subscales[subscale], let b = last[1].subscales[subscale], let c = last[2].subscales[subscale] else { return false }
                return a < b && b < c
            }
            func falling(_ subscale: String) -> Bool {
                guard let a = last[0].subscales[subscale], let b = last[1].subscales[subscale], let c = last[2].subscales[subscale] else { return false }
                return a > b && b > c
            }
            if rising(reactionsSubscale) || falling(wellbeingSubscale) { reasons.insert(.worsening) }
        }
        return Assessment(reasons: reasons)
    }
}

/// Where a check-in stands, for the person's list and the API.
public enum CheckInStatus: String, CaseIterable, Sendable, Codable {
    case due
    case answered
    case skipped
}
