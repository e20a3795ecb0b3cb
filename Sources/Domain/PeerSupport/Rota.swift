import Foundation

/// A team's on-call rota: the weekly pattern, read in the organization's time zone, and its dated exceptions.
/// Shifts are local times, so a shift from 22:00 to 07:00 lasts nine hours most nights, eight on the night
/// the clocks go forward and ten on the night they go back.
public struct Rota: Sendable {
    public let shifts: [RotaShift]
    public let exceptions: [RotaException]
    public let timeZone: TimeZone

    public init(shifts: [RotaShift], exceptions: [RotaException] = [], timeZone: TimeZone) {
        self.shifts = shifts.filter(\.isValid)
        self.exceptions = exceptions
        self.timeZone = timeZone
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// Who is on call at `moment`.
    public func onCall(at moment: Date) -> Set<UUID> {
        let window = DateInterval(start: moment, duration: 1)
        var who = Set(occurrences(overlapping: window).filter { $0.interval.contains(moment) && $0.interval.end != moment }.map(\.supporterID))
        for exception in exceptions where exception.interval.start <= moment && moment < exception.interval.end {
            switch exception.change {
            case .off(let supporter): who.remove(supporter)
            case .closed: who.removeAll()
            case .cover: break
            }
        }
        for exception in exceptions where exception.interval.start <= moment && moment < exception.interval.end {
            if case .cover(let supporter) = exception.change { who.insert(supporter) }
        }
        return who
    }

    /// The stretches within `range` when nobody is on call, in order.
    public func gaps(in range: DateInterval) -> [DateInterval] {
        var covered: [DateInterval] = []
        let closed = exceptions.filter { $0.change == .closed }.map(\.interval)
        let bySupporter = Dictionary(grouping: occurrences(overlapping: range), by: \.supporterID)
        for (supporter, occurrences) in bySupporter {
            let off = exceptions.compactMap { exception -> DateInterval? in
                if case .off(let who) = exception.change, who == supporter { return exception.interval }
                return nil
            }
            covered += Self.subtract(off + closed, from: occurrences.map(\.interval))
        }
        for exception in exceptions {
            if case .cover = exception.change { covered.append(exception.interval) }
        }
        return Self.subtract(covered, from: [range])
    }

    /// The stretches within `range` when nobody in any of `rotas` is on call: the organization's real gaps,
    /// when a central group covers what a unit's team does not.
    public static func gaps(in range: DateInterval, across rotas: [Rota]) -> [DateInterval] {
        let covered = rotas.flatMap { subtract($0.gaps(in: range), from: [range]) }
        return subtract(covered, from: [range])
    }

    /// Each shift's concrete interval on every local day that could reach into `range`.
    func occurrences(overlapping range: DateInterval) -> [(supporterID: UUID, interval: DateInterval)] {
        let calendar = calendar
        // A shift that starts the day before can run into the range.
        guard var day = calendar.date(byAdding: .day, value: -1, to: calendar.startOfDay(for: range.start)) else { return [] }
        var found: [(UUID, DateInterval)] = []
        while day < range.end {
            let weekday = (calendar.component(.weekday, from: day) + 5) % 7 + 1  // Foundation counts from Sunday = 1
            for shift in shifts where shift.weekday == weekday {
                guard let start = local(day, minutes: shift.start, calendar),
                      let endDay = shift.end > shift.start ? day : calendar.date(byAdding: .day, value: 1, to: day),
                      let end = local(endDay, minutes: shift.end, calendar), end > start
                else { continue }
                let interval = DateInterval(start: start, end: end)
                if interval.end > range.start && interval.start < range.end { found.append((shift.supporterID, interval)) }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        return found
    }

    /// The moment a local clock on `day` shows `minutes` after midnight. A time the clocks skip (02:30 on the
    /// night they go forward) is the first moment after the gap; a time they show twice is its first showing.
    private func local(_ day: Date, minutes: Int, _ calendar: Calendar) -> Date? {
        var parts = calendar.dateComponents([.year, .month, .day], from: day)
        parts.hour = minutes / 60
        parts.minute = minutes % 60
        return calendar.date(from: parts)
    }

    /// `intervals` with every part that lies in any of `holes` taken out, merged and in order.
    static func subtract(_ holes: [DateInterval], from intervals: [DateInterval]) -> [DateInterval] {
        var result: [DateInterval] = []
        for interval in merge(intervals) {
            var pieces = [interval]
            for hole in merge(holes) {
                pieces = pieces.flatMap { piece -> [DateInterval] in
                    guard hole.end > piece.start && hole.start < piece.end else { return [piece] }
                    var kept: [DateInterval] = []
                    if hole.start > piece.start { kept.append(DateInterval(start: piece.start, end: hole.start)) }
                    if hole.end < piece.end { kept.append(DateInterval(start: hole.end, end: piece.end)) }
                    return kept
                }
            }
            result += pieces
        }
        return merge(result)
    }

    static func merge(_ intervals: [DateInterval]) -> [DateInterval] {
        var merged: [DateInterval] = []
        for interval in intervals.sorted(by: { $0.start < $1.start }) where interval.duration > 0 {
            if let last = merged.last, interval.start <= last.end {
                merged[merged.count - 1] = DateInterval(start: last.start, end: max(last.end, interval.end))
            } else {
                merged.append(interval)
            }
        }
        return merged
    }
}
