import Foundation

/// RFC 3339 date-times as the API takes them, and nothing looser: Foundation's parser turns 30 February into
/// 2 March, takes a `+25:00` offset and ignores text after the date, and a wrong date must never be stored.
enum ISO8601 {
    nonisolated(unsafe) private static let shape = /(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))/

    static func parse(_ text: String) -> Date? {
        guard let match = text.wholeMatch(of: shape),
              let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
              let hour = Int(match.4), let minute = Int(match.5), let second = Int(match.6),
              (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        var offset = 0
        if match.8 == nil {
            guard let sign = match.9, let hours = match.10.flatMap({ Int($0) }), let minutes = match.11.flatMap({ Int($0) }),
                  hours <= 23, minutes <= 59 else { return nil }
            offset = (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        // A day the month does not have (30 February) is refused, not rolled over into the next month.
        guard components.isValidDate(in: calendar), let utc = calendar.date(from: components) else { return nil }
        let fraction = match.7.map { digits in Double("0." + digits) ?? 0 } ?? 0
        return utc.addingTimeInterval(fraction - Double(offset))
    }
}
