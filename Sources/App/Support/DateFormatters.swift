import Foundation

/// Date formatters made once per language, pattern and time zone and reused: on Linux, creating or
/// re-configuring a `DateFormatter` rebuilds its ICU formatter, which cost a page about an eighth of its time.
/// Formatting takes a lock, as a formatter is not safe to share between threads unguarded.
final class DateFormatters: @unchecked Sendable {
    static let shared = DateFormatters()

    private struct Key: Hashable {
        let locale: String
        let template: String
        let timeZone: String
    }

    private let lock = NSLock()
    private var formatters: [Key: DateFormatter] = [:]

    func string(from date: Date, locale: Locale, template: String, timeZone: TimeZone) -> String {
        let key = Key(locale: locale.identifier, template: template, timeZone: timeZone.identifier)
        return lock.withLock {
            if let formatter = formatters[key] { return formatter.string(from: date) }
            let formatter = DateFormatter()
            formatter.locale = locale
            formatter.timeZone = timeZone
            formatter.setLocalizedDateFormatFromTemplate(template)
            // Languages × patterns × the organizations' time zones: a handful, but never unbounded.
            if formatters.count >= 512 { formatters.removeAll() }
            formatters[key] = formatter
            return formatter.string(from: date)
        }
    }
}
