import Foundation

/// A defusing conversation as it is recorded: short and factual, with only those directly involved. It asks
/// nobody for their feelings, and nothing in Ivareta ever plans a group session for sharing them.
public struct DefusingConversation: Sendable, Equatable {
    public struct Fact: Sendable, Equatable, Codable {
        public let at: Date
        public let fact: String

        public init(at: Date, fact: String) {
            self.at = at
            self.fact = fact
        }
    }

    /// The three questions each participant is asked, and nothing else about them.
    public struct Answers: Sendable, Equatable, Codable {
        public let personID: UUID
        public let wantsColleague: Bool
        public let needsPracticalHelp: Bool
        public let practicalHelp: PracticalHelp?
        public let hasSomeoneTonight: Bool

        public init(personID: UUID, wantsColleague: Bool, needsPracticalHelp: Bool, practicalHelp: PracticalHelp?, hasSomeoneTonight: Bool) {
            self.personID = personID
            self.wantsColleague = wantsColleague
            self.needsPracticalHelp = needsPracticalHelp
            self.practicalHelp = needsPracticalHelp ? (practicalHelp ?? .other) : nil
            self.hasSomeoneTonight = hasSomeoneTonight
        }
    }

    /// What an answer sets in motion, in the same action that records the conversation.
    public enum Effect: Sendable, Equatable {
        /// A peer-support request, asked on the person's behalf with the agreement they just gave.
        case peerSupportRequest
        /// The `adjustments` step, offered with the help needed.
        case adjustments(PracticalHelp)
        /// The leader calls the person the next day.
        case callTomorrow
    }

    public let heldAt: Date
    public let durationMinutes: Int
    public let timeline: [Fact]
    public let reminders: Set<DefusingReminder>
    public let participants: [Answers]

    public static func effects(of answers: Answers) -> [Effect] {
        var effects: [Effect] = []
        if answers.wantsColleague { effects.append(.peerSupportRequest) }
        if answers.needsPracticalHelp { effects.append(.adjustments(answers.practicalHelp ?? .other)) }
        if !answers.hasSomeoneTonight { effects.append(.callTomorrow) }
        return effects
    }

    /// The call to someone with nobody tonight: the next morning at nine, local time.
    public static func callTime(after heldAt: Date, timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let nextDay = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: heldAt)) ?? heldAt.addingTimeInterval(86_400)
        return calendar.date(bySettingHour: 9, minute: 0, second: 0, of: nextDay) ?? nextDay
    }
}
