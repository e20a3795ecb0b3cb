import Foundation
import Testing
@testable import Domain

@Suite("What may be written into the peer-support scheme")
struct SchemeRulesTests {
    let now = Date(timeIntervalSince1970: 1_795_435_200)

    @Test func clockTimesAreHoursAndMinutesOfOneDay() {
        #expect(SchemeRules.minutes("08:00") == 480)
        #expect(SchemeRules.minutes("23:59") == 1439)
        #expect(SchemeRules.minutes("00:00") == 0)
        for bad in ["24:00", "8:00", "08:60", "08-00", "", "08:00:00", "٠٨:٠٠", " 08:00", "+8:00", "-1:00"] {
            #expect(SchemeRules.minutes(bad) == nil, "\(bad)")
        }
    }

    @Test func aShiftNamesAWeekdayTwoTimesAndAMemberOfTheTeam() throws {
        let member = UUID(), stranger = UUID()
        let night = try SchemeRules.shift(weekday: 3, start: "22:00", end: "08:00", supporter: member, members: [member]).get()
        #expect(night == RotaShift(weekday: 3, start: 1320, end: 480, supporterID: member))
        #expect(SchemeRules.shift(weekday: 0, start: "22:00", end: "08:00", supporter: member, members: [member]) == .failure(.weekday))
        #expect(SchemeRules.shift(weekday: 3, start: "22", end: "08:00", supporter: member, members: [member]) == .failure(.time))
        #expect(SchemeRules.shift(weekday: 3, start: "22:00", end: "08:00", supporter: nil, members: [member]) == .failure(.supporterNeeded))
        #expect(SchemeRules.shift(weekday: 3, start: "22:00", end: "08:00", supporter: stranger, members: [member]) == .failure(.notInTeam))
    }

    @Test func aStretchOfTimeEndsAfterItStartsHasNotEndedAndIsNotTooLong() {
        let hour: TimeInterval = 3600
        #expect(SchemeRules.interval(from: now, to: now + hour, longest: 2 * hour, now: now) == .success(DateInterval(start: now, end: now + hour)))
        #expect(SchemeRules.interval(from: now, to: nil, longest: hour, now: now) == .failure(.intervalMissing))
        #expect(SchemeRules.interval(from: now + hour, to: now, longest: 2 * hour, now: now) == .failure(.intervalOrder))
        #expect(SchemeRules.interval(from: now - 2 * hour, to: now - hour, longest: 2 * hour, now: now) == .failure(.intervalOver))
        #expect(SchemeRules.interval(from: now, to: now + 3 * hour, longest: 2 * hour, now: now) == .failure(.intervalTooLong))
        let farAway = now + 3 * 366 * 86400
        #expect(SchemeRules.interval(from: farAway, to: farAway + hour, longest: 2 * hour, now: now) == .failure(.intervalTooFar))
    }

    @Test func aClosedTeamNamesNobodyWhileOffAndCoverNameAMember() {
        let member = UUID()
        let day = DateInterval(start: now, duration: 86400)
        #expect(SchemeRules.rotaChange(kind: .closed, from: day.start, to: day.end, supporter: member, members: [member], now: now)
            == .success(RotaException(interval: day, change: .closed)))
        #expect(SchemeRules.rotaChange(kind: .off, from: day.start, to: day.end, supporter: nil, members: [member], now: now) == .failure(.supporterNeeded))
        #expect(SchemeRules.rotaChange(kind: .cover, from: day.start, to: day.end, supporter: UUID(), members: [member], now: now) == .failure(.notInTeam))
        #expect(SchemeRules.rotaChange(kind: .off, from: day.start, to: day.start + 100 * 86400, supporter: member, members: [member], now: now)
            == .failure(.intervalTooLong))
    }

    @Test func languagesAreCodesTypedAnyWayAndEachKeptOnce() {
        #expect(SchemeRules.languages("nb, EN;pl  en") == .success(["nb", "en", "pl"]))
        #expect(SchemeRules.languages("") == .success([]))
        #expect(SchemeRules.languages("norsk") == .failure(.language))
        #expect(SchemeRules.languages("<b>") == .failure(.language))
        #expect(SchemeRules.languages("aa ab ac ad ae af ag ah ai aj ak") == .failure(.tooManyLanguages))
    }

    @Test func teamNamesAndCaps() {
        #expect(SchemeRules.teamName("  Night team ") == .success("Night team"))
        #expect(SchemeRules.teamName(" \n ") == .failure(.nameMissing))
        #expect(SchemeRules.teamName("a\u{0}b") == .failure(.nameTooLong))
        #expect(SchemeRules.teamName(String(repeating: "e" + String(repeating: "\u{301}", count: 35), count: 80)) == .failure(.nameTooLong))
        #expect(SchemeRules.teamUnit(scope: .local, unit: nil) == .failure(.unitNeeded))
        #expect(SchemeRules.teamUnit(scope: .central, unit: UUID()) == .success(nil))
        #expect(SchemeRules.cap(0) == .failure(.cap) && SchemeRules.cap(11) == .failure(.cap) && SchemeRules.cap(nil) == .failure(.cap))
        #expect(SchemeRules.cap(3) == .success(3))
    }
}
