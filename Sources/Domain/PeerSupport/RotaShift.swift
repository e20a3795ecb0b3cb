import Foundation

/// One line of a team's weekly pattern: on this weekday, from `start` to `end` local time, this supporter is on
/// call. An end at or before the start runs past midnight into the next day.
public struct RotaShift: Sendable, Equatable, Codable {
    /// ISO weekday: 1 is Monday, 7 is Sunday.
    public let weekday: Int
    /// Minutes after local midnight, 0 ..< 1440.
    public let start: Int
    public let end: Int
    public let supporterID: UUID

    public init(weekday: Int, start: Int, end: Int, supporterID: UUID) {
        self.weekday = weekday
        self.start = start
        self.end = end
        self.supporterID = supporterID
    }

    public static let weekdays = 1...7
    public static let minutesOfDay = 0..<1440

    public var isValid: Bool { Self.weekdays.contains(weekday) && Self.minutesOfDay.contains(start) && Self.minutesOfDay.contains(end) }
}
