import Domain
import Foundation
import Vapor

/// The defusing form as a browser sends it: strings only, the people keyed by their id, the timeline by its
/// row. Anything a browser can send is read without failing; what does not make sense is said on the page.
struct DefusingForm: Content {
    var heldAt: String?
    var durationMinutes: String?
    var reminders: [String]?
    /// The people who took part, by id.
    var took: [String]?
    var colleague: [String]?
    var needsHelp: [String]?
    var helpKind: [String: String]?
    /// The people with someone to be with tonight.
    var tonight: [String]?
    var factAt: [String: String]?
    var fact: [String: String]?
    var _submission: String?

    static let timelineRows = 6

    /// The conversation as the service takes it, or the field that could not be read.
    func input(eventDay: Date, timeZone: TimeZone) -> (DefusingConversations.Input?, field: String?) {
        guard let held = heldAt.flatMap({ LocalDateTime.parse($0, timeZone: timeZone) }) else { return (nil, "heldAt") }
        guard let minutes = durationMinutes.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else { return (nil, "durationMinutes") }
        let ids = Set((took ?? []).compactMap(UUID.init(uuidString:)))
        let wants = Set((colleague ?? []).compactMap(UUID.init(uuidString:)))
        let help = Set((needsHelp ?? []).compactMap(UUID.init(uuidString:)))
        let someone = Set((tonight ?? []).compactMap(UUID.init(uuidString:)))
        let participants = ids.sorted { $0.uuidString < $1.uuidString }.map { id in
            DefusingConversation.Answers(personID: id, wantsColleague: wants.contains(id), needsPracticalHelp: help.contains(id),
                                         practicalHelp: helpKind?[id.uuidString].flatMap(PracticalHelp.init(rawValue:)), hasSomeoneTonight: someone.contains(id))
        }
        var timeline: [DefusingConversation.Fact] = []
        let day = LocalDateTime.format(eventDay, timeZone: timeZone).prefix(10)
        for row in 1...Self.timelineRows {
            let text = (fact?["\(row)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let time = (factAt?["\(row)"] ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty && time.isEmpty { continue }
            guard let at = LocalDateTime.parse("\(day)T\(time)", timeZone: timeZone) else { return (nil, "factAt-\(row)") }
            timeline.append(DefusingConversation.Fact(at: at, fact: text))
        }
        return (DefusingConversations.Input(heldAt: held, durationMinutes: minutes, timeline: timeline,
                                            reminders: Set((reminders ?? []).compactMap(DefusingReminder.init(rawValue:))), participants: participants), nil)
    }
}
