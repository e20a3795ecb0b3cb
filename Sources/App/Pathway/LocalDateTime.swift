import Domain
import Fluent
import SQLKit
import Vapor

/// The `datetime-local` form format, read and written in the organization's time zone.
enum LocalDateTime {
    static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            let formatter = formatter(format, timeZone)
            if let date = formatter.date(from: text) { return date }
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
