import Foundation
import Testing
@testable import Domain

@Suite("The meeting with the patient and family")
struct FamilyMeetingRulesTests {
    let eventAt = Date(timeIntervalSince1970: 1_795_420_800)
    let now = Date(timeIntervalSince1970: 1_795_435_200)

    @Test func theReviewsConclusionProposesApologyOrRegret() {
        #expect(FamilyMeetingRules.proposedKind(.failureEstablished) == .apology)
        #expect(FamilyMeetingRules.proposedKind(.noFailure) == .regret)
        #expect(FamilyMeetingRules.proposedKind(nil) == nil)
    }

    @Test func anApologyNeedsAnEstablishedFailureOrAnOpenQuestion() {
        #expect(FamilyMeetingRules.check(heldAt: now, kind: .apology, roles: [.relative], conclusion: .noFailure, eventAt: eventAt, now: now)
            == .apologyWithoutFailure)
        #expect(FamilyMeetingRules.check(heldAt: now, kind: .regret, roles: [.relative], conclusion: .noFailure, eventAt: eventAt, now: now) == nil)
        #expect(FamilyMeetingRules.check(heldAt: now, kind: .apology, roles: [.relative], conclusion: .failureEstablished, eventAt: eventAt, now: now) == nil)
        #expect(FamilyMeetingRules.check(heldAt: now, kind: .apology, roles: [.relative], conclusion: nil, eventAt: eventAt, now: now) == nil)
    }

    @Test func itIsHeldAfterTheEventWithSomeoneThere() {
        #expect(FamilyMeetingRules.check(heldAt: now, kind: .regret, roles: [], conclusion: nil, eventAt: eventAt, now: now) == .noAttendees)
        #expect(FamilyMeetingRules.check(heldAt: eventAt - 60, kind: .regret, roles: [.patient], conclusion: nil, eventAt: eventAt, now: now) == .heldBeforeEvent)
        #expect(FamilyMeetingRules.check(heldAt: now + 3600, kind: .regret, roles: [.patient], conclusion: nil, eventAt: eventAt, now: now) == .heldInFuture)
    }
}
