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
    /// Each participant's three answers, by id: "true" or "false", and nothing until the holder asked.
    var colleague: [String: String]?
    var needsHelp: [String: String]?
    var helpKind: [String: String]?
    var tonight: [String: String]?
    var factAt: [String: String]?
    var fact: [String: String]?
    var _submission: String?

    static let timelineRows = 6

    /// The three questions, as the form names them.
    enum Question: String, CaseIterable {
        case colleague
        case needsHelp
        case tonight

        var labelKey: String {
            switch self {
            case .colleague: "defusing.q.colleague"
            case .needsHelp: "defusing.q.help"
            case .tonight: "defusing.q.tonight"
            }
        }
    }

    /// Yes, no, or not answered.
    static func answer(_ answers: [String: String]?, _ id: UUID) -> Bool? {
        switch answers?[id.uuidString] {
        case "true": true
        case "false": false
        default: nil
        }
    }

    func answers(_ question: Question) -> [String: String]? {
        switch question {
        case .colleague: colleague
        case .needsHelp: needsHelp
        case .tonight: tonight
        }
    }

    /// The questions left unanswered for someone who took part: each is asked again, none is taken as a no.
    func unanswered() -> [(personID: UUID, question: Question)] {
        (took ?? []).compactMap(UUID.init(uuidString:)).sorted { $0.uuidString < $1.uuidString }.flatMap { id in
            Question.allCases.filter { Self.answer(answers($0), id) == nil }.map { (id, $0) }
        }
    }

    /// The conversation as the service takes it, or the field that could not be read.
    func input(eventDay: Date, timeZone: TimeZone) -> (DefusingConversations.Input?, field: String?) {
        guard let held = heldAt.flatMap({ LocalDateTime.parse($0, timeZone: timeZone) }) else { return (nil, "heldAt") }
        guard let minutes = durationMinutes.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else { return (nil, "durationMinutes") }
        let ids = Set((took ?? []).compactMap(UUID.init(uuidString:)))
        let participants = ids.sorted { $0.uuidString < $1.uuidString }.map { id in
            DefusingConversation.Answers(personID: id, wantsColleague: Self.answer(colleague, id) == true, needsPracticalHelp: Self.answer(needsHelp, id) == true,
                                         practicalHelp: helpKind?[id.uuidString].flatMap(PracticalHelp.init(rawValue:)),
                                         hasSomeoneTonight: Self.answer(tonight, id) == true)
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
