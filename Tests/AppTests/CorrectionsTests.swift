import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// Mistakes can be put right: a step marked done by mistake, an event's time, the people named in it.
@Suite("Corrections")
struct CorrectionsTests {
    func step(_ app: Application, caseID: UUID, _ key: StepKey) async throws -> StepRecord {
        try #require(try await StepRecord.query(on: app.db).filter(\.$caseID == caseID).filter(\.$key == key).first())
    }

    @Test func theLeaderWhoMarkedAStepDoneCanUndoItForAQuarterOfAnHour() async throws {
        try await withTestApp { app in
            let caseID = try await app.caseID(of: "nurse")
            let leader = try await Browser.signedIn(app, as: "leader")
            let before = try await step(app, caseID: caseID, .followUpMeetings)
            #expect(before.status.isOpen)
            let done = try await leader.post(SiteRoute.caseStep(caseID, .followUpMeetings).path, form: [("status", "done"), ("version", "\(before.version)")])
            #expect(done.status == .seeOther)
            let page = try await leader.get(SiteRoute.caseDetail(caseID).path).html
            #expect(page.contains("Undo “done” (until"))
            let marked = try await step(app, caseID: caseID, .followUpMeetings)
            #expect(marked.status == .done && marked.undoStatus == before.status)

            // Nobody else may take it back, and they are not offered to.
            let director = try await Browser.signedIn(app, as: "director")
            #expect(!(try await director.get(SiteRoute.caseDetail(caseID).path).html.contains("Undo “done”")))
            let refused = try await director.post(SiteRoute.undoStep(caseID, .followUpMeetings).path, form: [("version", "\(marked.version)")])
            #expect(refused.status == .conflict && refused.html.contains("can no longer be undone"))

            // Undo is decided from the version the page showed; without a readable one nothing is decided.
            for unreadable in [[], [("version", "abc")], [("version", "")], [("version", "1.0")], [("version", "18446744073709551616")]] {
                #expect(try await leader.post(SiteRoute.undoStep(caseID, .followUpMeetings).path, form: unreadable).status == .badRequest, "\(unreadable)")
            }
            #expect(try await step(app, caseID: caseID, .followUpMeetings).status == .done)

            // Two taps racing: one undoes, the other is told the step changed.
            async let first = leader.post(SiteRoute.undoStep(caseID, .followUpMeetings).path, form: [("version", "\(marked.version)")])
            async let second = leader.post(SiteRoute.undoStep(caseID, .followUpMeetings).path, form: [("version", "\(marked.version)")])
            let statuses = [try await first.status, try await second.status]
            #expect(statuses.filter { $0 == .seeOther }.count == 1 && statuses.filter { $0 == .conflict }.count == 1, "\(statuses)")
            let undone = try await step(app, caseID: caseID, .followUpMeetings)
            #expect(undone.status == before.status && undone.doneAt == nil && undone.doneBy == nil && undone.undoStatus == nil)
            let audited = try await AuditEntry.query(on: app.db).filter(\.$objectType == "pathway_step_undo").filter(\.$objectID == undone.id).count()
            #expect(audited == 1)

            // After a quarter of an hour the record stands.
            #expect(try await leader.post(SiteRoute.caseStep(caseID, .followUpMeetings).path, form: [("status", "done"), ("version", "\(undone.version)")]).status == .seeOther)
            app.environmentals.now = { pinnedNow.addingTimeInterval(StepUndo.window + 1) }
            let again = try await step(app, caseID: caseID, .followUpMeetings)
            #expect(!(try await leader.get(SiteRoute.caseDetail(caseID).path).html.contains("Undo “done”")))
            let late = try await leader.post(SiteRoute.undoStep(caseID, .followUpMeetings).path, form: [("version", "\(again.version)")])
            #expect(late.status == .conflict && late.html.contains("Nothing was changed"))
            #expect(try await step(app, caseID: caseID, .followUpMeetings).status == .done)
        }
    }

    /// A form's time is read only as browsers write it, and only when that wall-clock time exists.
    @Test func aTimeIsReadExactlyAsBrowsersSendIt() {
        let oslo = TimeZone(identifier: "Europe/Oslo") ?? .gmt
        #expect(LocalDateTime.parse("2026-11-23T13:00", timeZone: oslo) == Date(timeIntervalSince1970: 1_795_435_200))
        #expect(LocalDateTime.parse("2026-11-23T13:00:00", timeZone: oslo) != nil)
        // 02:30 on the last Sunday of March does not exist in Oslo: the clocks jump from 02:00 to 03:00.
        for refused in ["2026-03-29T02:30", "２０２６-11-23T13:00", "\u{202E}2026-11-23T13:00", "2026-11-23T1:00", "2026-02-30T10:00", "2026-11-23 13:00", ""] {
            #expect(LocalDateTime.parse(refused, timeZone: oslo) == nil, "\(refused)")
        }
    }

    @Test func aLeaderFindsTheirUnitsEventsNewestFirst() async throws {
        try await withTestApp { app in
            let leader = try await Browser.signedIn(app, as: "leader")
            let page = try await leader.get(SiteRoute.events.path)
            #expect(page.status == .ok)
            let caseID = try await app.caseID(of: "nurse")
            let eventID = try #require(try await Case.find(caseID, on: app.db)?.eventID)
            #expect(page.html.contains(SiteRoute.event(eventID).path) && page.html.contains("people involved"))
            #expect(try await Browser.signedIn(app, as: "quality").get(SiteRoute.events.path).html.contains(SiteRoute.event(eventID).path))
            #expect(try await Browser.signedIn(app, as: "nurse").get(SiteRoute.events.path).status == .forbidden)
            // Another organization's leader sees none of them.
            #expect(!(try await Browser.signedIn(app, as: "outsider").get(SiteRoute.events.path).html.contains(SiteRoute.event(eventID).path)))
        }
    }

    /// The event of the nurse's pathway, its involved people, and someone of the leader's units not among them.
    func scene(_ app: Application) async throws -> (event: Event, involved: [UUID], newcomer: UUID) {
        let caseID = try await app.caseID(of: "nurse")
        let event = try #require(try await Event.find(try #require(try await Case.find(caseID, on: app.db)?.eventID), on: app.db))
        let involved = try await Case.query(on: app.db).filter(\.$eventID == event.id).all().map(\.personID)
        // Someone the leader may name who is not involved: an unticked box on the correction form.
        let leaderBrowser = try await Browser.signedIn(app, as: "leader")
        let opened = try await leaderBrowser.get(SiteRoute.correctEvent(try event.requireID()).path).html
        #expect(opened.contains("Type part of a name"), "only the involved are listed until the leader asks for more")
        let form = try await leaderBrowser.post(SiteRoute.correctEvent(try event.requireID()).path, form: [("find", "unit")]).html
        let unticked = form.matches(of: /name="involvedPersonIds\[\]" value="([0-9A-F-]{36})"\/?>/).compactMap { UUID(uuidString: String($0.output.1)) }
        let leader = try await app.personID("leader")
        let newcomer = try #require(unticked.first { !involved.contains($0) && $0 != leader })
        return (event, involved, newcomer)
    }

    @Test func correctingWhoWasInvolvedOpensAndClosesPathwaysAsTheLeaderChooses() async throws {
        try await withTestApp { app in
            let (event, involved, newcomer) = try await scene(app)
            let eventID = try event.requireID()
            let leader = try await Browser.signedIn(app, as: "leader")
            let form = try await leader.get(SiteRoute.correctEvent(eventID).path)
            #expect(form.status == .ok && form.html.contains("Save the correction"))
            let nurse = try await app.personID("nurse")
            let others = involved.filter { $0 != nurse }
            func fields(_ people: [UUID], version: Int, key: String = UUID().uuidString, extra: [(String, String)] = []) -> [(String, String)] {
                [("version", "\(version)"), ("_submission", key), ("occurredAt", LocalDateTime.format(event.occurredAt, timeZone: .defaultForOrganizations))]
                    + people.map { ("involvedPersonIds[]", $0.uuidString) } + extra
            }

            // Taking the nurse off asks first what happens to her pathway; nothing changes meanwhile.
            let asked = try await leader.post(SiteRoute.correctEvent(eventID).path, form: fields(others + [newcomer], version: event.version))
            #expect(asked.status == .unprocessableEntity && asked.html.contains("What happens to the pathway of Ingrid Solheim?"))
            #expect(try await Case.query(on: app.db).filter(\.$eventID == eventID).count() == involved.count)

            // Kept open: she is off the event but her pathway goes on. Jonas-or-whoever is added with a pathway,
            // once even when the form is sent twice.
            let key = UUID().uuidString
            let send = fields(others + [newcomer], version: event.version, key: key, extra: [("removal[\(nurse.uuidString)]", "keep")])
            let saved = try await leader.post(SiteRoute.correctEvent(eventID).path, form: send)
            #expect(saved.status == .seeOther)
            #expect(try await leader.post(SiteRoute.correctEvent(eventID).path, form: send).status == .seeOther)
            let cases = try await Case.query(on: app.db).filter(\.$eventID == eventID).all()
            #expect(cases.filter { $0.personID == newcomer }.count == 1)
            let added = try #require(cases.first { $0.personID == newcomer })
            #expect(try await StepRecord.query(on: app.db).filter(\.$caseID == added.requireID()).count() == StepKey.allCases.count)
            let nurseCase = try #require(cases.first { $0.personID == nurse })
            #expect(nurseCase.status == .open)
            let page = try await leader.get(SiteRoute.event(eventID).path(PageQuery(notice: .corrected))).html
            #expect(page.contains("The event is corrected") && !page.contains(">Ingrid Solheim<"))
            let defusing = try await leader.get(SiteRoute.defusing(eventID).path).html
            #expect(!defusing.contains("Ingrid Solheim"), "someone taken off the event is no longer a participant to be")

            // A form shown before that correction is refused with the event as it stands.
            let stale = try await leader.post(SiteRoute.correctEvent(eventID).path, form: fields(others, version: event.version))
            #expect(stale.status == .conflict && stale.html.contains("Someone corrected this event just now"))

            // Named by mistake: the newcomer's pathway closes. Putting the nurse back brings her pathway back.
            let current = try #require(try await Event.find(eventID, on: app.db))
            let closing = try await leader.post(SiteRoute.correctEvent(eventID).path,
                                                form: fields(others + [nurse], version: current.version, extra: [("removal[\(newcomer.uuidString)]", "close")]))
            #expect(closing.status == .seeOther)
            let closed = try #require(try await Case.find(added.requireID(), on: app.db))
            #expect(closed.status == .closed)
            #expect(try await Case.query(on: app.db).filter(\.$eventID == eventID).filter(\.$personID == nurse).count() == 1)
            let back = try await leader.get(SiteRoute.event(eventID).path).html
            #expect(back.contains("Ingrid Solheim"))
            let audit = try await AuditEntry.query(on: app.db).filter(\.$objectType ~~ ["case_taken_off_event_kept", "case_taken_off_event_closed", "case_back_on_event"]).count()
            #expect(audit == 3)
        }
    }

    @Test func aCorrectedTimeMovesTheDueTimesStillPlannedFromItAndTheirReminders() async throws {
        try await withTestApp { app in
            let (event, involved, _) = try await scene(app)
            let eventID = try event.requireID()
            let nurseCase = try await app.caseID(of: "nurse")
            let before = try await StepRecord.query(on: app.db).filter(\.$caseID == nurseCase).all()
            let later = event.occurredAt.addingTimeInterval(2 * 3600)
            let leader = try await Browser.signedIn(app, as: "leader")
            let saved = try await leader.post(SiteRoute.correctEvent(eventID).path, form: [
                ("version", "\(event.version)"), ("occurredAt", LocalDateTime.format(later, timeZone: .defaultForOrganizations)),
            ] + involved.map { ("involvedPersonIds[]", $0.uuidString) })
            #expect(saved.status == .seeOther)
            #expect(try #require(try await Event.find(eventID, on: app.db)).occurredAt == later)
            let after = try await StepRecord.query(on: app.db).filter(\.$caseID == nurseCase).all()
            let moved = after.filter { step in before.first { $0.id == step.id }?.dueAt != step.dueAt }
            #expect(!moved.isEmpty)
            for step in moved {
                let was = try #require(before.first { $0.id == step.id })
                #expect(was.status.isOpen)
                // Each moved step has one reminder planned, from its new due time.
                let payload = String(decoding: try JSONEncoder().encode(Reminders.StepPayload(stepId: try step.requireID())), as: UTF8.self)
                let reminders = try await Job.query(on: app.db).filter(\.$kind == .stepReminder).filter(\.$payload == payload).filter(\.$status == .queued).all()
                #expect(reminders.count <= 1)
            }
            #expect(after.filter { !$0.status.isOpen }.allSatisfy { step in before.first { $0.id == step.id }?.dueAt == step.dueAt })
        }
    }

    @Test func aCorrectionRefusesWhatCannotBeAndWhomItMayNotTouch() async throws {
        try await withTestApp { app in
            let (event, involved, _) = try await scene(app)
            let eventID = try event.requireID()
            let leader = try await Browser.signedIn(app, as: "leader")
            let people = involved.map { ("involvedPersonIds[]", $0.uuidString) }
            let outsider = try await app.personID("outsider")
            for (extra, expected) in [
                ([("occurredAt", "tomorrow at noon")], "Write the time as a date and a time of day"),
                ([("occurredAt", "2099-01-01T10:00")], "cannot be in the future"),
                ([("occurredAt", LocalDateTime.format(event.occurredAt, timeZone: .defaultForOrganizations)), ("involvedPersonIds[]", outsider.uuidString)],
                 "could not be found"),
            ] as [([(String, String)], String)] {
                let refused = try await leader.post(SiteRoute.correctEvent(eventID).path, form: [("version", "\(event.version)")] + people + extra)
                #expect(refused.status == .unprocessableEntity && refused.html.contains(expected), "\(extra)")
            }
            #expect(try #require(try await Event.find(eventID, on: app.db)).version == event.version, "nothing was changed")
            // A form sent back as it was shown changes nothing, and says so; a garbled one is refused.
            let unchanged = try await leader.post(SiteRoute.correctEvent(eventID).path, form: [
                ("version", "\(event.version)"), ("occurredAt", LocalDateTime.format(event.occurredAt, timeZone: .defaultForOrganizations)),
            ] + people)
            #expect(unchanged.status == .seeOther && unchanged.location?.contains("unchanged") == true)
            #expect(try #require(try await Event.find(eventID, on: app.db)).version == event.version)
            for garbled in [[("version[]", "0")], [("removal", "close")], [("occurredAt[]", "2026-11-23T10:00")]] {
                #expect(try await leader.post(SiteRoute.correctEvent(eventID).path, form: garbled + people).status == .badRequest, "\(garbled)")
            }
            // Not a leader of the event's unit, another organization, not a leader at all.
            for (username, statuses) in [("nurse", [HTTPStatus.forbidden]), ("outsider", [.notFound]), ("quality", [.forbidden]), ("supporter", [.forbidden])] {
                let other = try await Browser.signedIn(app, as: username)
                #expect(statuses.contains(try await other.get(SiteRoute.correctEvent(eventID).path).status), "\(username)")
                #expect(statuses.contains(try await other.post(SiteRoute.correctEvent(eventID).path, form: [("version", "\(event.version)")] + people).status), "\(username)")
            }
            #expect(try await Browser.signedIn(app, as: "leader").get(SiteRoute.correctEvent(UUID()).path).status == .notFound)
        }
    }
}
