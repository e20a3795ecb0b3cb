import Foundation
import Testing
@testable import Domain

@Suite("The learning review")
struct LearningReviewRulesTests {
    let oslo = TimeZone(identifier: "Europe/Oslo")!
    let eventAt = Date(timeIntervalSince1970: 1_795_435_200)  // 2026-11-23 12:00 UTC

    @Test func aSeriousEventIsReviewedWithinThreeMonthsOthersWithinSix() {
        let serious = LearningReviewRules.dueAt(eventAt: eventAt, severity: .serious, timeZone: oslo)
        let minor = LearningReviewRules.dueAt(eventAt: eventAt, severity: .minor, timeZone: oslo)
        #expect(serious == Date(timeIntervalSince1970: 1_803_384_000))  // 2027-02-23 12:00 UTC
        #expect(minor == Date(timeIntervalSince1970: 1_811_070_000))    // 2027-05-23 11:00 UTC: summer time in Oslo
        #expect(LearningReviewRules.dueAt(eventAt: eventAt, severity: .critical, timeZone: oslo) == serious)
    }

    @Test func whoeverSupportsSomeoneInvolvedMayNotFacilitate() {
        let supporter = UUID(), owner = UUID(), neutral = UUID()
        #expect(LearningReviewRules.facilitator(supporter, supportersOfInvolved: [supporter], ownersOfInvolved: [owner]) == .supportsInvolvedPerson)
        #expect(LearningReviewRules.facilitator(owner, supportersOfInvolved: [supporter], ownersOfInvolved: [owner]) == .supportsInvolvedPerson)
        #expect(LearningReviewRules.facilitator(neutral, supportersOfInvolved: [supporter], ownersOfInvolved: [owner]) == nil)
    }

    @Test func everyProposalIsAnsweredAndNotAdoptedSaysWhy() {
        #expect(LearningReviewRules.answer(.notAdopted, reason: "  ", current: nil) == .failure(.reasonNeeded))
        #expect(LearningReviewRules.answer(.notAdopted, reason: "The budget is set for the year", current: nil) == .success("The budget is set for the year"))
        #expect(LearningReviewRules.answer(.adopted, reason: nil, current: .inProgress) == .success(nil))
        #expect(LearningReviewRules.answer(.inProgress, reason: nil, current: .adopted) == .failure(.alreadyAnswered))
        let proposed = eventAt
        let due = LearningReviewRules.answerDue(proposedAt: proposed)
        #expect(due == proposed.addingTimeInterval(28 * 86_400))
        #expect(LearningReviewRules.isOverdue(answer: nil, due: due, now: due + 1))
        #expect(LearningReviewRules.isOverdue(answer: .inProgress, due: due, now: due + 1))
        #expect(!LearningReviewRules.isOverdue(answer: .adopted, due: due, now: due + 1))
        #expect(!LearningReviewRules.isOverdue(answer: nil, due: due, now: due - 1))
    }

    @Test func aProposalIsTextWithinBounds() {
        #expect(LearningReviewRules.proposal("  Double-check pump settings at handover ") == .success("Double-check pump settings at handover"))
        #expect(LearningReviewRules.proposal("") == .failure(.textMissing))
        #expect(LearningReviewRules.proposal(String(repeating: "x", count: 1001)) == .failure(.textTooLong))
    }

    /// The attack's finding: "a" and 5,000 combining accents is one visible character and was stored under a
    /// 1,000-character limit. Limits count what is stored, not what is seen.
    @Test func limitsCountWhatIsStoredNotWhatIsSeen() {
        let piled = "a" + String(repeating: "\u{0301}", count: 5000)
        #expect(piled.count == 1)
        #expect(LearningReviewRules.proposal(piled) == .failure(.textTooLong))
        #expect(LearningReviewRules.answer(.notAdopted, reason: piled, current: nil) == .failure(.textTooLong))
        #expect(LearningReviewRules.proposal(String(repeating: "é", count: 1000)) != .failure(.textTooLong))
    }
}
