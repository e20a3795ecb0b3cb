import Domain
import Fluent
import SQLKit
import Vapor

/// The `datetime-local` form format, read and written in the organization's time zone.
enum LocalDateTime {
    /// Exactly what browsers send (ASCII digits, minutes, optional seconds), for a wall-clock time that exists
    /// in the zone: a time skipped when the clocks go forward, full-width digits or hidden direction marks are
    /// not read as some nearby time.
    static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        guard text.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?/) != nil else { return nil }
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            let formatter = formatter(format, timeZone)
            if let date = formatter.date(from: text), formatter.string(from: date) == text { return date }
        }
        return nil
    }

    static func format(_ date: Date, timeZone: TimeZone) -> String {
        formatter("yyyy-MM-dd'T'HH:mm", timeZone).string(from: date)
    }

    private static func formatter(_ format: String, _ timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = format
        return formatter
    }
}
