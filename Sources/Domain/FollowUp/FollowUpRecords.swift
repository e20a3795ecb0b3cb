import Foundation

/// What a follow-up meeting covered, from a fixed list: the record says which subjects were taken up, never
/// anything said about the person.
public enum MeetingTopic: String, CaseIterable, Sendable, Codable {
    case caseStatus = "case_status"
    case whatHappensNext = "what_happens_next"
    case questionsForOthers = "questions_for_others"
    case peerSupportOffered = "peer_support_offered"
    case occupationalHealth = "occupational_health"
    case mediaOrLegal = "media_or_legal"
}

/// A change to someone's work for a while after an event.
public enum AdjustmentKind: String, CaseIterable, Sendable, Codable {
    case otherTasks = "other_tasks"
    case buddy
    case flexibleHours = "flexible_hours"
    case gradualReturn = "gradual_return"
    case timeOff = "time_off"
}

/// The leader's records on a pathway: that they were in touch, the follow-up meetings, the adjustments. Each
/// is dates and choices from lists; none has room for what the person said or how they are.
public enum FollowUpRecords {
    public enum Problem: String, Error, Sendable, CaseIterable {
        case inTheFuture = "in_the_future"
        case beforeThePathway = "before_the_pathway"
        case noTopics = "no_topics"
        case nextBeforeThis = "next_before_this"
        case tooFarAhead = "too_far_ahead"
        case reviewBeforeStart = "review_before_start"
    }

    /// A record is made after the fact; a day's slack covers time zones and late evenings.
    public static let slack: TimeInterval = 86_400
    /// Nothing is planned further ahead than a year.
    public static let furthest: TimeInterval = 366 * 86_400

    /// That the leader was in touch, on a date by a channel.
    public static func contact(on date: Date, openedAt: Date, now: Date) -> Problem? {
        if date > now.addingTimeInterval(slack) { return .inTheFuture }
        if date < openedAt.addingTimeInterval(-slack) { return .beforeThePathway }
        return nil
    }

    public static func meeting(on date: Date, topics: Set<MeetingTopic>, next: Date?, openedAt: Date, now: Date) -> Problem? {
        if let problem = contact(on: date, openedAt: openedAt, now: now) { return problem }
        if topics.isEmpty { return .noTopics }
        if let next {
            if next <= date { return .nextBeforeThis }
            if next > now.addingTimeInterval(furthest) { return .tooFarAhead }
        }
        return nil
    }

    /// An adjustment runs from its start and is looked at again on its review date, which reminds the leader.
    public static func adjustment(startsOn start: Date, reviewOn review: Date, openedAt: Date, now: Date) -> Problem? {
        if start < openedAt.addingTimeInterval(-slack) { return .beforeThePathway }
        if start > now.addingTimeInterval(furthest) || review > now.addingTimeInterval(furthest) { return .tooFarAhead }
        if review <= start { return .reviewBeforeStart }
        return nil
    }
}
