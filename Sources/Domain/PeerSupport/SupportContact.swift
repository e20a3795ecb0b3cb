import Foundation

/// How a supporter and their colleague were in touch.
public enum ContactChannel: String, CaseIterable, Sendable, Codable {
    case inPerson = "in_person"
    case phone
    case video
    case message
}

/// That a contact took place, when, how and for how long, and whether another is agreed. Deliberately nothing
/// about what was said: confidentiality is why people dare to ask.
public struct SupportContact: Sendable, Equatable {
    public let on: Date
    public let channel: ContactChannel
    public let durationMinutes: Int
    public let nextContactAt: Date?

    public enum Problem: String, Error, Sendable, Equatable, CaseIterable {
        case inTheFuture = "in_the_future"
        case beforeTheRequest = "before_the_request"
        case duration
        case nextBeforeThis = "next_before_this"
    }

    public static let durations = 1...600

    /// Checks an entry against the clock and the request it belongs to; the first problem, if any.
    public static func check(on date: Date, channel: ContactChannel, durationMinutes: Int, nextContactAt: Date?, requestedAt: Date,
                             now: Date) -> Result<SupportContact, Problem> {
        // A contact is logged after it happened; a day's slack covers time zones and late evenings.
        guard date <= now.addingTimeInterval(86400) else { return .failure(.inTheFuture) }
        guard date >= requestedAt.addingTimeInterval(-86400) else { return .failure(.beforeTheRequest) }
        guard durations.contains(durationMinutes) else { return .failure(.duration) }
        if let next = nextContactAt, next <= date { return .failure(.nextBeforeThis) }
        return .success(SupportContact(on: date, channel: channel, durationMinutes: durationMinutes, nextContactAt: nextContactAt))
    }
}
