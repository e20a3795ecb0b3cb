import Domain
import Foundation
import Testing

@Suite struct NotificationRulesTests {
    let oslo = TimeZone(identifier: "Europe/Oslo")!
    /// 2026-11-23 23:30 in Oslo (UTC+1).
    let lateEvening = ISO8601DateFormatter().date(from: "2026-11-23T22:30:00Z")!
    let afternoon = ISO8601DateFormatter().date(from: "2026-11-23T13:00:00Z")!

    @Test func quietHoursWrapPastMidnight() throws {
        let night = try #require(QuietHours(start: 22 * 60, end: 7 * 60))
        #expect(night.contains(minuteOfDay: 23 * 60))
        #expect(night.contains(minuteOfDay: 6 * 60 + 59))
        #expect(!night.contains(minuteOfDay: 7 * 60))
        #expect(!night.contains(minuteOfDay: 12 * 60))
        #expect(QuietHours(start: 60, end: 60) == nil)
        #expect(QuietHours(start: -1, end: 60) == nil)
    }

    @Test func normalEmailWaitsUntilQuietHoursEndInLocalTime() {
        let prefs = ChannelPreferences(emailAddress: "a@example.org", emailEnabled: true, quietHours: QuietHours(start: 22 * 60, end: 7 * 60))
        let expected = ISO8601DateFormatter().date(from: "2026-11-24T06:00:00Z")!
        #expect(prefs.emailAt(now: lateEvening, urgency: .normal, timeZone: oslo) == expected)
        // Outside quiet hours a normal e-mail waits a few minutes for others to the same person.
        #expect(prefs.emailAt(now: afternoon, urgency: .normal, timeZone: oslo) == afternoon.addingTimeInterval(ChannelPreferences.digestWindow))
        #expect(prefs.emailAt(now: lateEvening, urgency: .urgent, timeZone: oslo) == lateEvening)
    }

    @Test func urgentEmailCannotBeSwitchedOffWhileOnCall() {
        var prefs = ChannelPreferences(emailAddress: "a@example.org", emailEnabled: false, onCall: true)
        #expect(prefs.sendsEmail(.urgent))
        #expect(!prefs.sendsEmail(.normal))
        prefs.onCall = false
        #expect(!prefs.sendsEmail(.urgent))
        prefs.emailEnabled = true
        #expect(prefs.sendsEmail(.normal))
        prefs.emailAddress = nil
        #expect(!prefs.sendsEmail(.urgent))
    }

    @Test func onlyStepsWaitingForTheOrganizationEscalate() {
        let due = afternoon
        let later = due.addingTimeInterval(3600 * 5)
        let pending = PathwayStep(key: .leaderSupport, status: .pending, dueAt: due, doneAt: nil, doneBy: nil, recommended: true)
        #expect(Escalation.shouldEscalate(pending, now: later))
        #expect(!Escalation.shouldEscalate(pending, now: due.addingTimeInterval(-1)))
        var offered = pending
        offered.status = .offered
        #expect(!Escalation.shouldEscalate(offered, now: later))
        var done = pending
        done.status = .done
        #expect(!Escalation.shouldEscalate(done, now: later))
        #expect(Escalation.escalateAt(dueAt: due, key: .defusing) == due.addingTimeInterval(3600))
        #expect(Escalation.escalateAt(dueAt: due, key: .followUpMeetings) > Escalation.escalateAt(dueAt: due, key: .reporting))
    }

    @Test func nearestLeaderWalksUpAndSkipsThePersonThemself() {
        let ward = UUID(), department = UUID(), clinic = UUID()
        let wardLeader = UUID(), departmentLeader = UUID()
        let parents: [UUID: UUID?] = [ward: department, department: clinic, clinic: nil]
        let leaders: [UUID: Set<UUID>] = [ward: [wardLeader], department: [departmentLeader]]
        #expect(NearestLeader.find(from: [ward], parents: parents, leadersByUnit: leaders, excluding: UUID()) == wardLeader)
        #expect(NearestLeader.find(from: [ward], parents: parents, leadersByUnit: leaders, excluding: wardLeader) == departmentLeader)
        #expect(NearestLeader.find(from: [department], parents: parents, leadersByUnit: leaders, excluding: departmentLeader) == nil)
    }
}

@Suite struct RetentionRulesTests {
    @Test func runsAtThreeInTheMorningLocalTime() {
        let oslo = TimeZone(identifier: "Europe/Oslo")!
        let afternoon = ISO8601DateFormatter().date(from: "2026-11-23T13:00:00Z")!
        #expect(RetentionRules.nextRun(after: afternoon, timeZone: oslo) == ISO8601DateFormatter().date(from: "2026-11-24T02:00:00Z")!)
        let night = ISO8601DateFormatter().date(from: "2026-11-24T01:00:00Z")!
        #expect(RetentionRules.nextRun(after: night, timeZone: oslo) == ISO8601DateFormatter().date(from: "2026-11-24T02:00:00Z")!)
    }

    @Test func cutoffsLookBackFromNow() {
        let now = Date(timeIntervalSince1970: 2_000_000_000)
        let cutoffs = RetentionRules(finishedJobs: 10, readMessages: 20, unreadMessages: 30).cutoffs(now: now)
        #expect(cutoffs.finishedJobsBefore == now.addingTimeInterval(-10))
        #expect(cutoffs.readMessagesBefore == now.addingTimeInterval(-20))
        #expect(cutoffs.unreadMessagesBefore == now.addingTimeInterval(-30))
    }
}
