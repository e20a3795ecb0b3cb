import Foundation

/// Step reminders and escalations of one kind that arrive together are read as one: a leader told of fourteen
/// due steps within minutes reads it once and finds them all on their tasks. Other messages stay one by one.
enum MessageDigest {
    static let window: TimeInterval = 15 * 60

    /// `rows` newest first, grouped: each group one message, or several of one step kind within the window.
    static func group(_ rows: [InboxController.Row]) -> [[InboxController.Row]] {
        var groups: [[InboxController.Row]] = []
        for row in rows {
            let digestible = [Messages.stepDuePrefix, Messages.stepLatePrefix, Messages.stepOverduePrefix].contains { row.kind.hasPrefix($0) }
            if digestible, let first = groups.last?.first, first.kind == row.kind, (first.readAt == nil) == (row.readAt == nil),
               first.createdAt.timeIntervalSince(row.createdAt) <= window {
                groups[groups.count - 1].append(row)
            } else {
                groups.append([row])
            }
        }
        return groups
    }
}
