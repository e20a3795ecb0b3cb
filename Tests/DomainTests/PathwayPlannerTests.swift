import Foundation
import Testing
@testable import Domain

@Suite("Due times")
struct PathwayPlannerTests {
    let oslo = TimeZone(identifier: "Europe/Oslo")!
    // 2026-03-10 14:00 UTC
    let eventAt = Date(timeIntervalSince1970: 1_773_151_200)

    func due(_ steps: [PathwayStep], _ key: StepKey) -> Date? { steps.first { $0.key == key }?.dueAt }

    @Test func tenStepsInTwoPhasesInOrder() {
        let steps = PathwayPlanner.steps(eventAt: eventAt, severity: .moderate, defusingRecommended: false, timeZone: oslo)
        #expect(steps.map(\.key) == StepKey.allCases)
        #expect(steps.prefix(6).allSatisfy { $0.phase == .acute })
        #expect(steps.suffix(4).allSatisfy { $0.phase == .followUp })
        #expect(steps.allSatisfy { $0.status == .pending })
    }

    @Test func defaultDueTimesFromTheEvent() {
        let steps = PathwayPlanner.steps(eventAt: eventAt, severity: .moderate, defusingRecommended: true, timeZone: oslo)
        let hour: TimeInterval = 3600
        #expect(due(steps, .defusing) == eventAt.addingTimeInterval(8 * hour))
        #expect(due(steps, .leaderSupport) == eventAt.addingTimeInterval(24 * hour))
        #expect(due(steps, .peerSupport) == eventAt.addingTimeInterval(24 * hour))
        #expect(due(steps, .reporting) == eventAt.addingTimeInterval(48 * hour))
        #expect(due(steps, .watchfulWaiting) == eventAt.addingTimeInterval(72 * hour))
        #expect(due(steps, .adjustments) == nil)
        #expect(due(steps, .apology) == nil)
        #expect(due(steps, .externalHelp) == nil)
        #expect(steps.first { $0.key == .defusing }?.recommended == true)
    }

    @Test func followUpMeetingKeepsTheWallClockAcrossDaylightSaving() {
        // Norway moves to summer time on 2026-03-29; a week after 27 March 10:00 local is 3 April 10:00 local.
        let friday = Date(timeIntervalSince1970: 1_774_602_000) // 2026-03-27 09:00 UTC = 10:00 CET
        let steps = PathwayPlanner.steps(eventAt: friday, severity: .minor, defusingRecommended: false, timeZone: oslo)
        #expect(due(steps, .followUpMeetings) == Date(timeIntervalSince1970: 1_775_203_200)) // 2026-04-03 08:00 UTC = 10:00 CEST
    }

    @Test("learning review within 3 months when serious or critical, otherwise 6",
          arguments: [(Severity.minor, 9), (.moderate, 9), (.serious, 6), (.critical, 6)])
    func learningReview(severity: Severity, month: Int) {
        let steps = PathwayPlanner.steps(eventAt: eventAt, severity: severity, defusingRecommended: false, timeZone: oslo)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = oslo
        let dueAt = due(steps, .learningReview)!
        #expect(calendar.component(.month, from: dueAt) == month)
        #expect(calendar.component(.day, from: dueAt) == 10)
    }

    @Test func organizationsCanChangeDueTimes() {
        var rules = DueTimeRules()
        rules.defusing = 4 * 3600
        let steps = PathwayPlanner.steps(eventAt: eventAt, severity: .minor, defusingRecommended: false, rules: rules, timeZone: oslo)
        #expect(due(steps, .defusing) == eventAt.addingTimeInterval(4 * 3600))
    }

    @Test func selfReferralHasOnlyStepsThatNeedNoEvent() {
        let steps = PathwayPlanner.selfReferralSteps(requestedAt: eventAt, involveLeader: false, timeZone: oslo)
        #expect(steps.map(\.key) == [.leaderSupport, .peerSupport, .followUpMeetings, .adjustments, .watchfulWaiting, .externalHelp])
        #expect(!steps.contains { [.defusing, .reporting, .learningReview, .apology].contains($0.key) })
        #expect(steps.first { $0.key == .peerSupport }?.status == .offered)
        #expect(due(steps, .peerSupport) == eventAt.addingTimeInterval(24 * 3600))
        #expect(steps.first { $0.key == .leaderSupport }?.status == .notRelevant)
        #expect(due(steps, .leaderSupport) == nil)
    }

    @Test func selfReferralInvolvingTheLeader() {
        let steps = PathwayPlanner.selfReferralSteps(requestedAt: eventAt, involveLeader: true, timeZone: oslo)
        #expect(steps.first { $0.key == .leaderSupport }?.status == .pending)
        #expect(due(steps, .leaderSupport) == eventAt.addingTimeInterval(24 * 3600))
    }
}

@Suite("Closing and reopening")
struct CaseLifecycleTests {
    @Test func closesOnlyWhenThePersonAgrees() throws {
        #expect(throws: CaseLifecycle.Refusal.personHasNotAgreed) { try CaseLifecycle.close(.open, personAgrees: false) }
        #expect(try CaseLifecycle.close(.open, personAgrees: true) == .closed)
        #expect(throws: CaseLifecycle.Refusal.alreadyClosed) { try CaseLifecycle.close(.closed, personAgrees: true) }
    }

    @Test func reopens() throws {
        #expect(try CaseLifecycle.reopen(.closed) == .open)
        #expect(throws: CaseLifecycle.Refusal.alreadyOpen) { try CaseLifecycle.reopen(.open) }
    }
}
