import Foundation

/// What a recorded defusing conversation must be, each failure named for the page and the API.
public enum DefusingRules {
    public struct Problem: Sendable, Equatable, Error {
        public enum Kind: String, CaseIterable, Sendable {
            /// Someone who was not directly involved in the event: the conversation is for those who were.
            case notInvolved = "not_involved"
            case alreadyTookPart = "already_took_part"
            case noParticipants = "no_participants"
            case duplicateParticipant = "duplicate_participant"
            case duration
            case heldInFuture = "held_in_future"
            case heldBeforeEvent = "held_before_event"
            case factMissing = "fact_missing"
            case factTooLong = "fact_too_long"
            case tooManyFacts = "too_many_facts"
            /// The one who holds the conversation does not record their own answers: another leader holds it with them.
            case holderTakesPart = "holder_takes_part"
        }

        public let kind: Kind
        /// The participant it is about, when it is about one.
        public let personID: UUID?

        public init(_ kind: Kind, personID: UUID? = nil) {
            self.kind = kind
            self.personID = personID
        }
    }

    /// Short is the point; longer is allowed, and the form says why it should not be.
    public static let recommendedMinutes = 60
    public static let minutes = 1...240
    public static let factLimit = 200
    public static let mostFacts = 30

    public static func isLong(_ minutes: Int) -> Bool { minutes > recommendedMinutes }

    /// Checks a conversation against the event it follows: only people directly involved, each once, and not
    /// someone who took part in an earlier conversation of the same event.
    public static func check(heldAt: Date, durationMinutes: Int, timeline: [DefusingConversation.Fact], reminders: Set<DefusingReminder>,
                             participants: [DefusingConversation.Answers], involved: Set<UUID>, alreadyTookPart: Set<UUID>,
                             eventAt: Date, now: Date) -> Result<DefusingConversation, Problem> {
        guard !participants.isEmpty else { return .failure(Problem(.noParticipants)) }
        var seen: Set<UUID> = []
        for answers in participants {
            guard involved.contains(answers.personID) else { return .failure(Problem(.notInvolved, personID: answers.personID)) }
            guard seen.insert(answers.personID).inserted else { return .failure(Problem(.duplicateParticipant, personID: answers.personID)) }
            guard !alreadyTookPart.contains(answers.personID) else { return .failure(Problem(.alreadyTookPart, personID: answers.personID)) }
        }
        guard minutes.contains(durationMinutes) else { return .failure(Problem(.duration)) }
        guard heldAt <= now.addingTimeInterval(EventRules.clockGrace) else { return .failure(Problem(.heldInFuture)) }
        guard heldAt >= eventAt else { return .failure(Problem(.heldBeforeEvent)) }
        guard timeline.count <= mostFacts else { return .failure(Problem(.tooManyFacts)) }
        var facts: [DefusingConversation.Fact] = []
        for fact in timeline {
            let text = fact.fact.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { return .failure(Problem(.factMissing)) }
            guard text.unicodeScalars.count <= factLimit, TextRules.isAcceptable(text, multiline: false) else { return .failure(Problem(.factTooLong)) }
            facts.append(DefusingConversation.Fact(at: fact.at, fact: text))
        }
        return .success(DefusingConversation(heldAt: heldAt, durationMinutes: durationMinutes, timeline: facts.sorted { $0.at < $1.at },
                                             reminders: reminders, participants: participants))
    }
}
