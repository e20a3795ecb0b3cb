import Foundation
import Testing
@testable import Domain

@Suite("The defusing conversation")
struct DefusingTests {
    let eventAt = Date(timeIntervalSince1970: 1_795_420_800)  // 2026-11-23 08:00 UTC
    let now = Date(timeIntervalSince1970: 1_795_435_200)      // 12:00 UTC
    let anna = UUID(), ben = UUID(), visitor = UUID()

    func answers(_ person: UUID, colleague: Bool = false, help: PracticalHelp? = nil, tonight: Bool = true) -> DefusingConversation.Answers {
        .init(personID: person, wantsColleague: colleague, needsPracticalHelp: help != nil, practicalHelp: help, hasSomeoneTonight: tonight)
    }

    func check(_ participants: [DefusingConversation.Answers], minutes: Int = 30, heldAt: Date? = nil, facts: [DefusingConversation.Fact] = [],
               took: Set<UUID> = []) -> Result<DefusingConversation, DefusingRules.Problem> {
        DefusingRules.check(heldAt: heldAt ?? now.addingTimeInterval(-3600), durationMinutes: minutes, timeline: facts, reminders: [.normalReactions],
                            participants: participants, involved: [anna, ben], alreadyTookPart: took, eventAt: eventAt, now: now)
    }

    @Test func eachAnswerSetsItsOwnFollowUpInMotion() {
        #expect(DefusingConversation.effects(of: answers(anna)) == [])
        #expect(DefusingConversation.effects(of: answers(anna, colleague: true)) == [.peerSupportRequest])
        #expect(DefusingConversation.effects(of: answers(anna, help: .transportHome)) == [.adjustments(.transportHome)])
        #expect(DefusingConversation.effects(of: answers(anna, tonight: false)) == [.callTomorrow])
        #expect(DefusingConversation.effects(of: answers(anna, colleague: true, help: .relievedNow, tonight: false))
            == [.peerSupportRequest, .adjustments(.relievedNow), .callTomorrow])
        // Help needed without saying which is still help: "other".
        let unnamed = DefusingConversation.Answers(personID: anna, wantsColleague: false, needsPracticalHelp: true, practicalHelp: nil, hasSomeoneTonight: true)
        #expect(DefusingConversation.effects(of: unnamed) == [.adjustments(.other)])
    }

    @Test func onlyThoseDirectlyInvolvedTakePartEachOnce() {
        #expect(check([answers(anna), answers(visitor)]) == .failure(.init(.notInvolved, personID: visitor)))
        #expect(check([answers(anna), answers(anna)]) == .failure(.init(.duplicateParticipant, personID: anna)))
        #expect(check([]) == .failure(.init(.noParticipants)))
        #expect(check([answers(ben)], took: [ben]) == .failure(.init(.alreadyTookPart, personID: ben)))
        #expect((try? check([answers(anna), answers(ben)]).get())?.participants.count == 2)
    }

    @Test func itIsHeldAfterTheEventAndNotInTheFutureAndLongerThanAnHourIsAllowed() {
        #expect(check([answers(anna)], heldAt: eventAt.addingTimeInterval(-60)) == .failure(.init(.heldBeforeEvent)))
        #expect(check([answers(anna)], heldAt: now.addingTimeInterval(3600)) == .failure(.init(.heldInFuture)))
        #expect(check([answers(anna)], minutes: 0) == .failure(.init(.duration)))
        #expect(check([answers(anna)], minutes: 241) == .failure(.init(.duration)))
        #expect((try? check([answers(anna)], minutes: 90).get()) != nil)
        #expect(DefusingRules.isLong(90) && !DefusingRules.isLong(60))
    }

    @Test func theTimelineHoldsShortFactsInTheOrderTheyHappened() throws {
        let later = DefusingConversation.Fact(at: eventAt.addingTimeInterval(600), fact: " Alarm called ")
        let first = DefusingConversation.Fact(at: eventAt, fact: "Patient found unresponsive")
        let kept = try check([answers(anna)], facts: [later, first]).get()
        #expect(kept.timeline.map(\.fact) == ["Patient found unresponsive", "Alarm called"])
        #expect(check([answers(anna)], facts: [.init(at: eventAt, fact: "  ")]) == .failure(.init(.factMissing)))
        #expect(check([answers(anna)], facts: [.init(at: eventAt, fact: String(repeating: "x", count: 201))]) == .failure(.init(.factTooLong)))
        #expect(check([answers(anna)], facts: [.init(at: eventAt, fact: "line\nbreak")]) == .failure(.init(.factTooLong)))
        #expect(check([answers(anna)], facts: Array(repeating: first, count: 31)) == .failure(.init(.tooManyFacts)))
    }

    @Test func someoneWithNobodyTonightIsCalledTheNextMorningLocalTime() throws {
        let oslo = try #require(TimeZone(identifier: "Europe/Oslo"))
        // 23:30 in Oslo on 23 Nov is 22:30 UTC; the call is 24 Nov 09:00 Oslo, 08:00 UTC.
        let late = Date(timeIntervalSince1970: 1_795_473_000)
        #expect(DefusingConversation.callTime(after: late, timeZone: oslo) == Date(timeIntervalSince1970: 1_795_507_200))
        // 00:30 in Oslo on 24 Nov: the call is still the next day, 25 Nov 09:00.
        #expect(DefusingConversation.callTime(after: late.addingTimeInterval(3600), timeZone: oslo) == Date(timeIntervalSince1970: 1_795_593_600))
    }
}
