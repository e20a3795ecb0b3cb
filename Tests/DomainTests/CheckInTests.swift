import Foundation
import Testing
@testable import Domain

@Suite("Check-ins: instruments as data, the schedule, and what answers call for")
struct CheckInTests {
    static let languages = ["en", "nb", "da"]
    static let oslo = TimeZone(identifier: "Europe/Oslo") ?? .gmt

    static func shipped() throws -> Instrument {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/App/Resources/Instruments/checkin.json")
        return try InstrumentFile.read(try Data(contentsOf: url), file: "checkin.json", languages: languages).get()
    }

    static func answers(wellbeing: Int, reactions: [Int], contact: Int = 0) -> [String: Int] {
        let keys = ["intrusive_memories", "nervousness", "sleep", "concentration", "anxiety", "anger", "self_blame", "professional_confidence", "wish_to_leave"]
        var all = Dictionary(uniqueKeysWithValues: zip(keys, reactions + Array(repeating: 0, count: max(0, keys.count - reactions.count))))
        all["wellbeing"] = wellbeing
        all["wants_contact"] = contact
        return all
    }

    @Test func theShippedCheckInLoadsInEveryLanguageAndScoresAsByHand() throws {
        let checkIn = try Self.shipped()
        #expect(checkIn.key == "checkin" && checkIn.items.count == 11)
        for item in checkIn.items { for language in Self.languages { #expect(!(item.text[language] ?? "").isEmpty) } }
        // Wellbeing 6; reactions some, a lot, none, some, none, a lot, some, none, none = 1+2+0+1+0+2+1+0+0 = 7.
        let score = try checkIn.score(Self.answers(wellbeing: 6, reactions: [1, 2, 0, 1, 0, 2, 1, 0, 0], contact: 1))
        #expect(score.subscales == ["wellbeing": 6, "reactions": 7])
        #expect(score.total == 13, "the contact question is not part of the score")
        #expect(score.wantsContact && !score.redFlag && score.reached.isEmpty)
        // One more "a lot" reaches the threshold for strong reactions (8); wellbeing 1 raises the red flag.
        let strong = try checkIn.score(Self.answers(wellbeing: 1, reactions: [2, 2, 0, 1, 0, 2, 1, 0, 0]))
        #expect(strong.reached == ["strong_reactions"] && strong.redFlag && !strong.wantsContact)
    }

    @Test func reversedAndWeightedItemsScoreAsTheFileSays() throws {
        let file = """
            {"key": "who_like", "title": {"en": "T"}, "scales": {"s": {"min": 0, "max": 5}},
             "items": [{"key": "a", "text": {"en": "A"}, "scale": "s", "subscale": "x"},
                       {"key": "b", "text": {"en": "B"}, "scale": "s", "reversed": true, "weight": 2, "subscale": "x"}],
             "thresholds": [{"subscale": "x", "atLeast": 10, "meaning": "high"}]}
            """
        let instrument = try InstrumentFile.read(Data(file.utf8), file: "who.json", languages: ["en"]).get()
        // a = 3; b = 1 reversed on 0–5 is 4, weighted 2 is 8: 11.
        let score = try instrument.score(["a": 3, "b": 1])
        #expect(score.subscales["x"] == 11 && score.reached == ["high"])
    }

    @Test func answersOffTheInstrumentAreRefusedNamingTheItem() throws {
        let checkIn = try Self.shipped()
        var answers = Self.answers(wellbeing: 5, reactions: [])
        answers["wellbeing"] = 11
        #expect(throws: Instrument.AnswerProblem.offScale(item: "wellbeing", value: 11)) { try checkIn.score(answers) }
        answers["wellbeing"] = 5
        answers["mood"] = 1
        #expect(throws: Instrument.AnswerProblem.unknownItem("mood")) { try checkIn.score(answers) }
        answers["mood"] = nil
        answers["sleep"] = nil
        #expect(throws: Instrument.AnswerProblem.missing("sleep")) { try checkIn.score(answers) }
    }

    @Test func aMalformedFileIsRefusedNamingTheFileTheItemAndTheProblem() {
        func problem(_ json: String) -> InstrumentFile.Problem? {
            if case .failure(let problem) = InstrumentFile.read(Data(json.utf8), file: "own.json", languages: ["en", "nb"]) { return problem }
            return nil
        }
        let good = #"{"key": "k", "title": {"en": "T", "nb": "T"}, "scales": {"s": {"min": 0, "max": 2}}, "items": [ITEMS]REST}"#
        func with(_ items: String, _ rest: String = "") -> String { good.replacingOccurrences(of: "ITEMS", with: items).replacingOccurrences(of: "REST", with: rest) }
        let item = #"{"key": "a", "text": {"en": "A", "nb": "A"}, "scale": "s"}"#
        #expect(problem(with(item)) == nil)
        #expect(problem(with(#"{"key": "a", "text": {"en": "A"}, "scale": "s"}"#)) == .init(file: "own.json", item: "a", problem: "it has no text in nb"))
        #expect(problem(with(#"{"key": "a", "text": {"en": "A", "nb": "A"}, "scale": "t"}"#))?.problem == "its scale t is not defined")
        #expect(problem(with(item + "," + item))?.problem == "the key is used twice")
        #expect(problem(with(item, #", "redFlags": [{"item": "a", "atMost": 7}]"#))?.problem == "its red flag lies outside its scale")
        #expect(problem(with(item, #", "redFlags": [{"item": "b", "atMost": 1}]"#))?.item == "b")
        #expect(problem(with(item, #", "thresholds": [{"subscale": "none", "atLeast": 1, "meaning": "m"}]"#))?.problem.contains("subscale none") == true)
        #expect(problem(with(item, #", "contactItem": "a""#))?.problem == "the contact item must be a yes/no (0–1) item")
        #expect(problem(with(#"{"key": "A b", "text": {"en": "A", "nb": "A"}, "scale": "s"}"#))?.item == "A b")
        #expect(problem(with(#"{"key": "a", "text": {"en": "A", "nb": "A"}, "scale": "s", "weight": -1}"#))?.problem == "its weight must be a positive number")
        #expect(problem("{not json")?.problem == "it is not valid JSON")
        #expect(problem(#"{"key": "k", "title": {"en": "T", "nb": "T"}, "scales": {}}"#)?.problem.contains("items") == true)
        #expect(problem(with(""))?.problem == "it has no items")
        #expect(problem(with(#"{"key": "a", "text": {"en": "A", "nb": "A"}, "scale": "s"}"#, "").replacingOccurrences(of: #""max": 2"#, with: #""max": 0"#))?
            .problem == "the scale s must have min below max")
        let missingText = problem(with(#"{"key": "a", "scale": "s"}"#)).map { "\($0)" } ?? ""
        #expect(missingText.hasPrefix("own.json: ") && missingText.contains("text") && missingText.contains("items"), "\(missingText)")
    }

    @Test func checkInsFallDueOnTheStandardScheduleAtTheEventsTimeOfDay() {
        // 13:00 in Oslo on Monday 23 November 2026.
        let event = Date(timeIntervalSince1970: 1_795_435_200)
        let due = CheckInSchedule.standard.dueDates(after: event, timeZone: Self.oslo)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.oslo
        let shown = due.map { date -> String in
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            return "\(parts.year ?? 0)-\(parts.month ?? 0)-\(parts.day ?? 0) \(parts.hour ?? 0):\(parts.minute ?? 0)"
        }
        #expect(shown == ["2026-11-26 13:0", "2026-11-30 13:0", "2026-12-7 13:0", "2026-12-23 13:0", "2027-1-23 13:0", "2027-2-23 13:0", "2027-3-23 13:0"])
    }

    @Test func escalationAcrossTheFourMonthsWithAndWithoutConsent() throws {
        let checkIn = try Self.shipped()
        let event = Date(timeIntervalSince1970: 1_795_435_200)
        let due = CheckInSchedule.standard.dueDates(after: event, timeZone: Self.oslo)
        func answered(_ index: Int, wellbeing: Int, reactions: [Int], contact: Int = 0) throws -> CheckInEscalation.Answered {
            .init(answeredAt: due[index].addingTimeInterval(3600), score: try checkIn.score(Self.answers(wellbeing: wellbeing, reactions: reactions, contact: contact)))
        }
        var history: [CheckInEscalation.Answered] = []
        func assess() -> CheckInEscalation.Assessment { CheckInEscalation.assess(history, eventAt: event, timeZone: Self.oslo) }

        // Strong reactions early on are common, but the person is shown the ways to help at once.
        history.append(try answered(0, wellbeing: 4, reactions: [2, 2, 2, 1, 1, 0, 0, 0, 0]))
        #expect(assess().reasons == [.strongReactions])
        #expect(CheckInEscalation.callsForCrisisHelp(history[0].score))
        // Easing, then a little worse, then easing: no trend.
        history.append(try answered(1, wellbeing: 5, reactions: [2, 1, 1, 1, 1, 0, 0, 0, 0]))
        history.append(try answered(2, wellbeing: 6, reactions: [2, 1, 1, 1, 1, 1, 0, 0, 0]))
        #expect(!assess().suggestsExternalHelp)
        history.append(try answered(3, wellbeing: 7, reactions: [1, 1, 1, 0, 0, 0, 0, 0, 0]))
        #expect(!assess().suggestsExternalHelp)
        // Worse at each of two check-ins in a row.
        history.append(try answered(4, wellbeing: 6, reactions: [1, 1, 1, 1, 0, 0, 0, 0, 0]))
        #expect(!assess().suggestsExternalHelp)
        history.append(try answered(5, wellbeing: 5, reactions: [2, 1, 1, 1, 1, 0, 0, 0, 0]))
        #expect(assess().reasons == [.worsening])
        // Still strong at month four (past three months): external help is suggested.
        history.append(try answered(6, wellbeing: 5, reactions: [2, 2, 1, 1, 1, 1, 0, 0, 0]))
        let late = assess()
        #expect(late.reasons.contains(.strongAfterThreeMonths) && late.suggestsExternalHelp)
        // The owner hears only with consent, and then only that attention is needed.
        #expect(late.signalsOwner(consented: true) && !late.signalsOwner(consented: false))

        // The wish to be contacted and a red flag act at once, at any point.
        let early = [try answered(0, wellbeing: 1, reactions: [], contact: 1)]
        #expect(CheckInEscalation.assess(early, eventAt: event, timeZone: Self.oslo).reasons == [.redFlag, .wantsContact])
    }

    /// The walkthrough's near-crisis answer (wellbeing 2, every reaction "a lot", no wish for contact) once got
    /// a bare thank-you: it must open the crisis help, and a middling answer must not.
    @Test func aNearCrisisAnswerCallsForCrisisHelpAndAnOrdinaryOneDoesNot() throws {
        let checkIn = try Self.shipped()
        let worst = try checkIn.score(Self.answers(wellbeing: 2, reactions: Array(repeating: 2, count: 9)))
        #expect(worst.redFlag && CheckInEscalation.callsForCrisisHelp(worst))
        let strongOnly = try checkIn.score(Self.answers(wellbeing: 5, reactions: [2, 2, 2, 2, 0, 0, 0, 0, 0]))
        #expect(!strongOnly.redFlag && CheckInEscalation.callsForCrisisHelp(strongOnly))
        let ordinary = try checkIn.score(Self.answers(wellbeing: 5, reactions: [1, 1, 1, 1, 0, 0, 0, 0, 0]))
        #expect(!CheckInEscalation.callsForCrisisHelp(ordinary))
        let event = Date(timeIntervalSince1970: 1_795_435_200)
        let day3 = CheckInEscalation.Answered(answeredAt: event.addingTimeInterval(3 * 86400), score: worst)
        #expect(CheckInEscalation.assess([day3], eventAt: event, timeZone: Self.oslo).reasons == [.redFlag, .strongReactions])
    }
}
