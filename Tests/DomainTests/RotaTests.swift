import Domain
import Foundation
import Testing

@Suite("On-call rota")
struct RotaTests {
    let oslo = TimeZone(identifier: "Europe/Oslo")!
    let anna = UUID()
    let ben = UUID()

    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    func hours(_ h: Int, _ m: Int = 0) -> Int { h * 60 + m }

    @Test func aNightShiftRunsPastMidnightIntoTheNextMorning() {
        // Monday 20:00 to 08:00, in November (UTC+1).
        let rota = Rota(shifts: [RotaShift(weekday: 1, start: hours(20), end: hours(8), supporterID: anna)], timeZone: oslo)
        #expect(rota.onCall(at: at("2026-11-30T18:59:00Z")).isEmpty, "Monday 19:59")
        #expect(rota.onCall(at: at("2026-11-30T19:00:00Z")) == [anna], "Monday 20:00")
        #expect(rota.onCall(at: at("2026-11-30T23:30:00Z")) == [anna], "Tuesday 00:30")
        #expect(rota.onCall(at: at("2026-12-01T06:59:00Z")) == [anna], "Tuesday 07:59")
        #expect(rota.onCall(at: at("2026-12-01T07:00:00Z")).isEmpty, "Tuesday 08:00")
    }

    @Test func theNightTheClocksGoForwardIsAnHourShorter() {
        // Saturday 22:00 to Sunday 07:00; on 29 March 2026 Norway moves from 02:00 to 03:00.
        let rota = Rota(shifts: [RotaShift(weekday: 6, start: hours(22), end: hours(7), supporterID: anna)], timeZone: oslo)
        #expect(rota.onCall(at: at("2026-03-28T21:00:00Z")) == [anna], "22:00 winter time")
        #expect(rota.onCall(at: at("2026-03-29T04:59:00Z")) == [anna], "06:59 summer time")
        #expect(rota.onCall(at: at("2026-03-29T05:00:00Z")).isEmpty, "07:00 summer time")
        let night = rota.gaps(in: DateInterval(start: at("2026-03-28T12:00:00Z"), end: at("2026-03-29T12:00:00Z")))
        #expect(night == [DateInterval(start: at("2026-03-28T12:00:00Z"), end: at("2026-03-28T21:00:00Z")),
                          DateInterval(start: at("2026-03-29T05:00:00Z"), end: at("2026-03-29T12:00:00Z"))])
    }

    @Test func theNightTheClocksGoBackIsAnHourLonger() {
        // On 25 October 2026 Norway moves from 03:00 back to 02:00.
        let rota = Rota(shifts: [RotaShift(weekday: 6, start: hours(22), end: hours(7), supporterID: anna)], timeZone: oslo)
        #expect(rota.onCall(at: at("2026-10-24T20:00:00Z")) == [anna], "22:00 summer time")
        #expect(rota.onCall(at: at("2026-10-25T05:59:00Z")) == [anna], "06:59 winter time")
        #expect(rota.onCall(at: at("2026-10-25T06:00:00Z")).isEmpty, "07:00 winter time")
        let shift = rota.gaps(in: DateInterval(start: at("2026-10-24T12:00:00Z"), end: at("2026-10-25T12:00:00Z")))
        #expect(shift.count == 2)
        #expect(shift[1].start.timeIntervalSince(shift[0].end) == 10 * 3600, "ten hours on call")
    }

    @Test func aSickDayASwapAndAClosedHolidayChangeWhoIsOnCall() {
        // Every day 08:00 to 20:00 Anna.
        let days = (1...7).map { RotaShift(weekday: $0, start: hours(8), end: hours(20), supporterID: anna) }
        let wednesday = DateInterval(start: at("2026-12-02T00:00:00Z"), end: at("2026-12-03T00:00:00Z"))
        let thursday = DateInterval(start: at("2026-12-03T00:00:00Z"), end: at("2026-12-04T00:00:00Z"))
        let christmas = DateInterval(start: at("2026-12-24T11:00:00Z"), end: at("2026-12-26T23:00:00Z"))
        let rota = Rota(shifts: days, exceptions: [
            RotaException(interval: wednesday, change: .off(anna)),
            RotaException(interval: thursday, change: .off(anna)), RotaException(interval: thursday, change: .cover(ben)),
            RotaException(interval: christmas, change: .closed),
        ], timeZone: oslo)
        #expect(rota.onCall(at: at("2026-12-01T10:00:00Z")) == [anna])
        #expect(rota.onCall(at: at("2026-12-02T10:00:00Z")).isEmpty, "Anna is sick")
        #expect(rota.onCall(at: at("2026-12-03T03:00:00Z")) == [ben], "Ben took the whole Thursday")
        #expect(rota.onCall(at: at("2026-12-25T10:00:00Z")).isEmpty, "closed for Christmas")
    }

    @Test func coverageMarksEveryStretchWithNobodyOnCall() {
        // Around the clock except Wednesdays 08:00–16:00; one Wednesday Ben covers.
        var shifts = (1...7).map { RotaShift(weekday: $0, start: hours(16), end: hours(8), supporterID: anna) }
        shifts += [1, 2, 4, 5, 6, 7].map { RotaShift(weekday: $0, start: hours(8), end: hours(16), supporterID: ben) }
        let covered = DateInterval(start: at("2026-12-09T07:00:00Z"), end: at("2026-12-09T15:00:00Z"))
        let rota = Rota(shifts: shifts, exceptions: [RotaException(interval: covered, change: .cover(ben))], timeZone: oslo)
        let fourWeeks = DateInterval(start: at("2026-11-30T00:00:00Z"), duration: 28 * 86400)
        let gaps = rota.gaps(in: fourWeeks)
        #expect(gaps == [
            DateInterval(start: at("2026-12-02T07:00:00Z"), end: at("2026-12-02T15:00:00Z")),
            DateInterval(start: at("2026-12-16T07:00:00Z"), end: at("2026-12-16T15:00:00Z")),
            DateInterval(start: at("2026-12-23T07:00:00Z"), end: at("2026-12-23T15:00:00Z")),
        ])
    }

    @Test func aShiftThatMakesNoSenseIsLeftOut() {
        let rota = Rota(shifts: [RotaShift(weekday: 8, start: 0, end: 60, supporterID: anna),
                                 RotaShift(weekday: 1, start: -5, end: 2000, supporterID: anna)], timeZone: oslo)
        #expect(rota.shifts.isEmpty)
    }
}
