import Foundation

/// What a coordinator or a supporter may write into the peer-support scheme: each check either gives the
/// value to store or names the problem, which the page says in the reader's language.
public enum SchemeRules {
    public enum Problem: String, Sendable, CaseIterable, Error {
        case nameMissing = "name_missing"
        case nameTooLong = "name_too_long"
        /// A unit's own team belongs to one unit; the central group to none.
        case unitNeeded = "unit_needed"
        case unknownUnit = "unknown_unit"
        case unknownTeam = "unknown_team"
        case weekday
        case time
        case intervalMissing = "interval_missing"
        case intervalOrder = "interval_order"
        case intervalTooLong = "interval_too_long"
        case intervalOver = "interval_over"
        case supporterNeeded = "supporter_needed"
        /// A shift or a rota change names someone who is not in the team.
        case notInTeam = "not_in_team"
        case cap
        case language
        case tooManyLanguages = "too_many_languages"
        case unknownPerson = "unknown_person"
        case alreadySupporter = "already_supporter"
        /// The time to answer is outside `ResponseClock.allowedMinutes`.
        case responseTime = "response_time"
        /// A crisis number that cannot be dialled as written.
        case phoneNumber = "phone_number"
        case date
        /// Further ahead than the scheme plans.
        case intervalTooFar = "interval_too_far"
    }

    public static let longestName = 80
    public static let caps = 1...10
    public static let defaultCap = 3
    public static let mostLanguages = 10
    /// A rota change covers days or weeks (a holiday, a sick week, a swap), not a season.
    public static let longestRotaChange: TimeInterval = 92 * 86400
    /// Leave longer than this is better ended by taking the supporter out of the scheme.
    public static let longestLeave: TimeInterval = 2 * 366 * 86400
    /// Nothing is planned further ahead than this.
    public static let furthestAhead: TimeInterval = 2 * 366 * 86400

    public static func teamName(_ raw: String?) -> Result<String, Problem> {
        let name = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { return .failure(.nameMissing) }
        // Counted as the reader sees it and as stored: a short name may not hide thousands of combining marks.
        guard name.count <= longestName, name.unicodeScalars.count <= 4 * longestName, !name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            return .failure(.nameTooLong)
        }
        return .success(name)
    }

    /// A local team needs its unit; the central group serves everyone and has none.
    public static func teamUnit(scope: TeamScope, unit: UUID?) -> Result<UUID?, Problem> {
        switch (scope, unit) {
        case (.local, nil): .failure(.unitNeeded)
        case (.local, let unit?): .success(unit)
        case (.central, _): .success(nil)
        }
    }

    /// `HH:MM` as minutes after midnight.
    public static func minutes(_ text: String?) -> Int? {
        let parts = (text ?? "").split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]), (0..<24).contains(hours), (0..<60).contains(minutes) else { return nil }
        return hours * 60 + minutes
    }

    /// A weekly shift; an end at or before the start runs past midnight (and equal times make a full day).
    public static func shift(weekday: Int?, start: String?, end: String?, supporter: UUID?, members: Set<UUID>) -> Result<RotaShift, Problem> {
        guard let weekday, RotaShift.weekdays.contains(weekday) else { return .failure(.weekday) }
        guard let from = minutes(start), let to = minutes(end) else { return .failure(.time) }
        guard let supporter else { return .failure(.supporterNeeded) }
        guard members.contains(supporter) else { return .failure(.notInTeam) }
        return .success(RotaShift(weekday: weekday, start: from, end: to, supporterID: supporter))
    }

    /// A stretch of time that has not ended yet and is not longer than `longest`.
    public static func interval(from start: Date?, to end: Date?, longest: TimeInterval, now: Date) -> Result<DateInterval, Problem> {
        guard let start, let end else { return .failure(.intervalMissing) }
        guard end > start else { return .failure(.intervalOrder) }
        guard end > now else { return .failure(.intervalOver) }
        guard end.timeIntervalSince(start) <= longest else { return .failure(.intervalTooLong) }
        guard start.timeIntervalSince(now) <= furthestAhead else { return .failure(.intervalTooFar) }
        return .success(DateInterval(start: start, end: end))
    }

    /// A dated rota change: off and cover name a supporter of the team, closed names nobody.
    public static func rotaChange(kind: RotaException.Kind?, from start: Date?, to end: Date?, supporter: UUID?, members: Set<UUID>,
                                  now: Date) -> Result<RotaException, Problem> {
        guard let kind else { return .failure(.supporterNeeded) }
        let interval: DateInterval
        switch self.interval(from: start, to: end, longest: longestRotaChange, now: now) {
        case .success(let checked): interval = checked
        case .failure(let problem): return .failure(problem)
        }
        if kind != .closed {
            guard let supporter else { return .failure(.supporterNeeded) }
            guard members.contains(supporter) else { return .failure(.notInTeam) }
        }
        guard let exception = RotaException(interval: interval, kind: kind, supporter: kind == .closed ? nil : supporter) else {
            return .failure(.supporterNeeded)
        }
        return .success(exception)
    }

    public static func cap(_ value: Int?) -> Result<Int, Problem> {
        guard let value, caps.contains(value) else { return .failure(.cap) }
        return .success(value)
    }

    /// Language codes as typed ("nb, en pl"): lowercased, each once, in the order given.
    public static func languages(_ text: String?) -> Result<[String], Problem> {
        var seen: [String] = []
        for piece in (text ?? "").lowercased().split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }) {
            let code = String(piece)
            guard SupportWishes.isLanguageCode(code) else { return .failure(.language) }
            if !seen.contains(code) { seen.append(code) }
        }
        guard seen.count <= mostLanguages else { return .failure(.tooManyLanguages) }
        return .success(seen)
    }
}
