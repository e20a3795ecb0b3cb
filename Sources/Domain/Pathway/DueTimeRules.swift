import Foundation

/// How long after the event (or the request) each step is due. Organizations may change these; the defaults
/// follow the national guidance.
public struct DueTimeRules: Sendable, Equatable {
    public var defusing: TimeInterval = 8 * hour
    public var leaderSupport: TimeInterval = 24 * hour
    public var peerSupport: TimeInterval = 24 * hour
    public var reporting: TimeInterval = 48 * hour
    public var followUpMeetingsDays = 7
    public var learningReviewMonthsWhenSerious = 3
    public var learningReviewMonthsOtherwise = 6
    public var firstCheckInDays = 3

    static let hour: TimeInterval = 3600

    public init() {}

    public static let standard = DueTimeRules()
}

public enum PathwayPlanner {
    /// The ten steps of a case that starts from a registered event.
    public static func steps(
        eventAt: Date, severity: Severity, defusingRecommended: Bool, rules: DueTimeRules = .standard, timeZone: TimeZone
    ) -> [PathwayStep] {
        let calendar = calendar(in: timeZone)
        return StepKey.allCases.map { key in
            let due: Date? = switch key {
            case .defusing: eventAt.addingTimeInterval(rules.defusing)
            case .leaderSupport: eventAt.addingTimeInterval(rules.leaderSupport)
            case .peerSupport: eventAt.addingTimeInterval(rules.peerSupport)
            case .reporting: eventAt.addingTimeInterval(rules.reporting)
            case .followUpMeetings: calendar.date(byAdding: .day, value: rules.followUpMeetingsDays, to: eventAt)
            case .learningReview:
                calendar.date(
                    byAdding: .month,
                    value: severity >= .serious ? rules.learningReviewMonthsWhenSerious : rules.learningReviewMonthsOtherwise,
                    to: eventAt)
            case .watchfulWaiting: calendar.date(byAdding: .day, value: rules.firstCheckInDays, to: eventAt)
            case .adjustments, .apology, .externalHelp: nil
            }
            return PathwayStep(key: key, dueAt: due, recommended: key == .defusing && defusingRecommended)
        }
    }

    /// A request for support with no event: only the steps that make sense without one, due from the request.
    /// When the person keeps their leader out of it, leader contact starts as not relevant (they can change it).
    public static func selfReferralSteps(
        requestedAt: Date, involveLeader: Bool, rules: DueTimeRules = .standard, timeZone: TimeZone
    ) -> [PathwayStep] {
        let calendar = calendar(in: timeZone)
        return StepKey.selfReferral.map { key in
            switch key {
            case .leaderSupport:
                PathwayStep(
                    key: key, status: involveLeader ? .pending : .notRelevant,
                    dueAt: involveLeader ? requestedAt.addingTimeInterval(rules.leaderSupport) : nil)
            case .peerSupport:
                PathwayStep(key: key, status: .offered, dueAt: requestedAt.addingTimeInterval(rules.peerSupport))
            case .followUpMeetings:
                PathwayStep(key: key, dueAt: calendar.date(byAdding: .day, value: rules.followUpMeetingsDays, to: requestedAt))
            case .watchfulWaiting:
                PathwayStep(key: key, dueAt: calendar.date(byAdding: .day, value: rules.firstCheckInDays, to: requestedAt))
            default:
                PathwayStep(key: key, dueAt: nil)
            }
        }
    }

    static func calendar(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
