import Foundation
import Testing
@testable import Domain

@Suite("The leader's records on a pathway")
struct FollowUpRecordsTests {
    let opened = Date(timeIntervalSince1970: 1_795_420_800)
    let now = Date(timeIntervalSince1970: 1_795_435_200)
    let day: TimeInterval = 86_400

    @Test func aContactIsRecordedAfterItHappenedAndNotBeforeThePathway() {
        #expect(FollowUpRecords.contact(on: now, openedAt: opened, now: now) == nil)
        #expect(FollowUpRecords.contact(on: now + 2 * day, openedAt: opened, now: now) == .inTheFuture)
        #expect(FollowUpRecords.contact(on: opened - 2 * day, openedAt: opened, now: now) == .beforeThePathway)
    }

    @Test func aMeetingCoversAtLeastOneSubjectAndItsNextDateComesAfterIt() {
        #expect(FollowUpRecords.meeting(on: now, topics: [.caseStatus], next: now + 7 * day, openedAt: opened, now: now) == nil)
        #expect(FollowUpRecords.meeting(on: now, topics: [], next: nil, openedAt: opened, now: now) == .noTopics)
        #expect(FollowUpRecords.meeting(on: now, topics: [.caseStatus], next: now - day, openedAt: opened, now: now) == .nextBeforeThis)
        #expect(FollowUpRecords.meeting(on: now, topics: [.caseStatus], next: now + 400 * day, openedAt: opened, now: now) == .tooFarAhead)
    }

    @Test func anAdjustmentIsReviewedAfterItStarts() {
        #expect(FollowUpRecords.adjustment(startsOn: now, reviewOn: now + 14 * day, openedAt: opened, now: now) == nil)
        #expect(FollowUpRecords.adjustment(startsOn: now, reviewOn: now, openedAt: opened, now: now) == .reviewBeforeStart)
        #expect(FollowUpRecords.adjustment(startsOn: opened - 3 * day, reviewOn: now, openedAt: opened, now: now) == .beforeThePathway)
        #expect(FollowUpRecords.adjustment(startsOn: now, reviewOn: now + 500 * day, openedAt: opened, now: now) == .tooFarAhead)
    }
}
