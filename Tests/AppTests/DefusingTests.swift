import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// The defusing conversation, recorded through the API by a leader of the event's unit, and what each
/// participant's answers set in motion on their pathway.
@Suite("Defusing conversations")
struct DefusingTests {
    /// A fresh event on Surgical Ward 3 with the nurse and the physician involved, registered by its leader.
    func event(_ app: Application) async throws -> (id: UUID, nurse: UUID, physician: UUID) {
        let leader = try await APIClient.signIn(app, as: "leader")
        let nurse = try await app.personID("nurse"), physician = try await app.personID("physician")
        let created = try await leader.send(.POST, "/api/v1/events", json: [
            "kind": "unexpected_death", "severity": "serious", "occurredAt": "2026-11-23T08:00:00Z",
            "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": "Cardiac arrest on the ward.",
            "involvedPersonIds": [nurse.uuidString, physician.uuidString],
            "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
        ]).decode(APIModels.EventCreated.self)
        return (created.id, nurse, physician)
    }

    func body(_ participants: [[String: Any]]) -> [String: Any] {
        ["heldAt": "2026-11-23T11:00:00Z", "durationMinutes": 40,
         "timeline": [["at": "2026-11-23T08:10:00Z", "fact": "Alarm called"], ["at": "2026-11-23T08:00:00Z", "fact": "Patient found without pulse"]],
         "remindersGiven": ["normal_reactions", "alcohol_and_sleep"], "participants": participants]
    }

    func participant(_ id: UUID, colleague: Bool = false, help: String? = nil, tonight: Bool = true) -> [String: Any] {
        var fields: [String: Any] = ["personId": id.uuidString, "wantsColleague": colleague, "needsPracticalHelp": help != nil, "hasSomeoneTonight": tonight]
        if let help { fields["practicalHelp"] = help }
        return fields
    }

    func step(_ app: Application, person: UUID, event: UUID, _ key: StepKey) async throws -> StepRecord {
        let caseID = try #require(try await Case.query(on: app.db).filter(\.$personID == person).filter(\.$eventID == event).first()?.requireID())
        return try #require(try await StepRecord.query(on: app.db).filter(\.$caseID == caseID).filter(\.$key == key).first())
    }

    @Test func theAnswersBecomeARequestAnAdjustmentAndACallTheNextMorning() async throws {
        try await withTestApp { app in
            let (eventID, nurse, physician) = try await event(app)
            let leader = try await APIClient.signIn(app, as: "leader")
            let recorded = try await leader.send(.POST, "/api/v1/events/\(eventID)/defusing", json: body([
                participant(nurse, colleague: true), participant(physician, help: "transport_home", tonight: false),
            ]))
            #expect(recorded.status == .created)
            for person in [nurse, physician] { #expect(try await step(app, person: person, event: eventID, .defusing).status == .done) }

            // The nurse wanted a colleague: a supporter is asked on her behalf, and she is told who in her inbox.
            let caseID = try #require(try await Case.query(on: app.db).filter(\.$personID == nurse).filter(\.$eventID == eventID).first()?.requireID())
            let request = try #require(try await SupportOffers.latest(caseID: caseID, organizationID: try await app.account("nurse").organizationID, on: app.db))
            #expect(request.status == .offered && request.supporterID != nil)
            #expect(try await Message.query(on: app.db).filter(\.$recipientPersonID == nurse).filter(\.$kind == SupportOnBehalf.message).count() == 1)

            // The physician needs a ride home and has nobody tonight: adjustments offered, and the leader calls at nine tomorrow.
            #expect(try await step(app, person: physician, event: eventID, .adjustments).status == .offered)
            let call = try await step(app, person: physician, event: eventID, .leaderSupport)
            #expect(call.dueAt == LocalDateTime.parse("2026-11-24T09:00", timeZone: .defaultForOrganizations))
            // Its reminder follows the new time: the one planned from the old due time is gone, so it comes once.
            let payload = String(decoding: try JSONEncoder().encode(Reminders.StepPayload(stepId: try call.requireID())), as: UTF8.self)
            let reminders = try await Job.query(on: app.db).filter(\.$kind == .stepReminder).filter(\.$payload == payload).filter(\.$status == .queued).all()
            #expect(reminders.count == 1)
            #expect(try await step(app, person: nurse, event: eventID, .adjustments).status == .pending)

            let list = try await leader.send(.GET, "/api/v1/events/\(eventID)/defusing").decode(APIModels.DefusingList.self)
            let conversation = try #require(list.items.first)
            #expect(conversation.timeline.map(\.fact) == ["Patient found without pulse", "Alarm called"])
            #expect(conversation.remindersGiven == ["alcohol_and_sleep", "normal_reactions"])
            #expect(conversation.participants.first { $0.personId == physician }?.practicalHelp == "transport_home")
            #expect(conversation.heldBy == "Marte Lunde")
        }
    }

    @Test func onlyThoseDirectlyInvolvedTakePartAndOnlyOnce() async throws {
        try await withTestApp { app in
            let (eventID, nurse, physician) = try await event(app)
            let leader = try await APIClient.signIn(app, as: "leader")
            let visitor = try await app.personID("supporter")
            let refused = try await leader.send(.POST, "/api/v1/events/\(eventID)/defusing", json: body([participant(nurse), participant(visitor)]))
            #expect(refused.status == .unprocessableEntity && refused.errorCode == "not_involved")
            #expect(try await step(app, person: nurse, event: eventID, .defusing).status != .done, "nothing changed")
            #expect(try await app.db.sql().raw("SELECT COUNT(*) AS n FROM defusing_conversations WHERE event_id = \(bind: eventID)").first()?
                .decode(column: "n", as: Int.self) == 0)

            let extra = body([["personId": nurse.uuidString, "wantsColleague": false, "needsPracticalHelp": false, "hasSomeoneTonight": true,
                               "feelings": "sad"]])
            let unknown = try await leader.send(.POST, "/api/v1/events/\(eventID)/defusing", json: extra)
            #expect(unknown.status == .badRequest && unknown.errorCode == "unknown_field")

            for (field, value) in [("durationMinutes", 0 as Any), ("heldAt", "2026-11-23T07:00:00Z"), ("heldAt", "2026-11-24T07:00:00Z")] {
                var bad = body([participant(nurse)])
                bad[field] = value
                #expect(try await leader.send(.POST, "/api/v1/events/\(eventID)/defusing", json: bad).status == .unprocessableEntity, "\(field)")
            }
            let key = [("Idempotency-Key", "defusing-1")]
            let first = try await leader.send(.POST, "/api/v1/events/\(eventID)/defusing", json: body([participant(nurse)]), headers: key)
            let replay = try await leader.send(.POST, "/api/v1/events/\(eventID)/defusing", json: body([participant(nurse)]), headers: key)
            #expect(first.status == .created && replay.status == .created, "\(first.status) \(replay.status) \(replay.json)")
            #expect(first.json["id"] as? String == replay.json["id"] as? String)
            let again = try await leader.send(.POST, "/api/v1/events/\(eventID)/defusing", json: body([participant(nurse), participant(physician)]))
            #expect(again.status == .conflict && again.errorCode == "already_took_part")
            // The physician's own conversation, held by the same leader with the team later, is fine.
            #expect(try await leader.send(.POST, "/api/v1/events/\(eventID)/defusing", json: body([participant(physician)])).status == .created)
        }
    }

    @Test func onlyALeaderOfTheEventsUnitRecordsAndReadsIt() async throws {
        try await withTestApp { app in
            let (eventID, nurse, _) = try await event(app)
            for (username, status) in [("nurse", HTTPStatus.forbidden), ("leader2", .forbidden), ("supporter", .forbidden), ("coordinator", .forbidden),
                                       ("quality", .forbidden), ("ohs", .forbidden), ("admin", .forbidden), ("outsider", .notFound)] {
                let client = try await APIClient.signIn(app, as: username)
                #expect(try await client.send(.POST, "/api/v1/events/\(eventID)/defusing", json: body([participant(nurse)])).status == status, "\(username)")
                #expect(try await client.send(.GET, "/api/v1/events/\(eventID)/defusing").status == status, "\(username)")
            }
            let leader = try await APIClient.signIn(app, as: "leader")
            #expect(try await leader.send(.GET, "/api/v1/events/\(UUID())/defusing").status == .notFound)
            #expect(try await leader.send(.GET, "/api/v1/events/not-an-id/defusing").status == .badRequest)
            #expect(try await leader.send(.GET, "/api/v1/events/\(eventID)/defusing").decode(APIModels.DefusingList.self).items.isEmpty)
        }
    }

    @Test func onAPhoneTheLeaderRecordsItWithTheFormAndTheEventPageShowsWhoTookPart() async throws {
        try await withTestApp { app in
            let (eventID, nurse, physician) = try await event(app)
            let leader = try await Browser.signedIn(app, as: "leader")
            let eventPage = try await leader.get(SiteRoute.event(eventID).path).html
            #expect(eventPage.contains("Not yet: ") && eventPage.contains(SiteRoute.defusing(eventID).path))
            let page = try await leader.get(SiteRoute.defusing(eventID).path)
            #expect(page.status == .ok && page.html.contains("psychological debriefing"))
            #expect(page.html.contains("Ingrid Solheim"))

            let form: [(String, String)] = [
                ("heldAt", "2026-11-23T11:00"), ("durationMinutes", "35"),
                ("took[]", nurse.uuidString), ("took[]", physician.uuidString),
                ("colleague[\(nurse.uuidString)]", "true"), ("colleague[\(physician.uuidString)]", "false"),
                ("needsHelp[\(nurse.uuidString)]", "false"), ("needsHelp[\(physician.uuidString)]", "true"),
                ("helpKind[\(physician.uuidString)]", "transport_home"),
                ("tonight[\(nurse.uuidString)]", "true"), ("tonight[\(physician.uuidString)]", "false"),
                ("factAt[1]", "09:00"), ("fact[1]", "Patient found without pulse"), ("factAt[2]", ""), ("fact[2]", ""),
                ("reminders[]", "normal_reactions"), ("_submission", "d-1"),
            ]
            // The walkthrough's finding: "has someone tonight" came ticked for everyone, so a hurried holder
            // recorded a yes nobody gave and no morning call was planned. No answer is given in advance…
            for question in ["colleague", "needsHelp", "tonight"] {
                for person in [nurse, physician] {
                    #expect(page.html.contains("id=\"\(question)-\(person.uuidString)-yes\""))
                    #expect(page.html.firstMatch(of: try Regex("id=\"\(question)-\(person.uuidString)-(yes|no)\"[^>]*checked")) == nil)
                }
            }
            // …and a question left unanswered is asked again, naming the person, with nothing saved.
            let unanswered = try await leader.post(SiteRoute.defusing(eventID).path, form: form.filter { $0.0 != "tonight[\(physician.uuidString)]" })
            #expect(unanswered.status == .unprocessableEntity)
            #expect(unanswered.html.contains("Jonas Berg: choose yes or no for") && unanswered.html.contains("Nothing was saved"))
            #expect(unanswered.html.contains("href=\"#tonight-\(physician.uuidString)\""))
            #expect(try await app.db.sql().raw("SELECT COUNT(*) AS n FROM defusing_conversations WHERE event_id = \(bind: eventID)").first()?
                .decode(column: "n", as: Int.self) == 0)
            // A time without its fact is refused with what was typed kept.
            let missing = try await leader.post(SiteRoute.defusing(eventID).path, form: form.map { $0.0 == "fact[1]" ? ($0.0, "") : $0 })
            #expect(missing.status == .unprocessableEntity && missing.html.contains("A time has no fact beside it") && missing.html.contains("value=\"35\""))
            let stranger = try await leader.post(SiteRoute.defusing(eventID).path, form: form + [("took[]", try await app.personID("supporter").uuidString)])
            #expect(stranger.status == .unprocessableEntity && stranger.html.contains("Only people directly involved"))

            let saved = try await leader.post(SiteRoute.defusing(eventID).path, form: form)
            #expect(saved.status == .seeOther && saved.location?.hasPrefix(SiteRoute.event(eventID).path) == true)
            #expect(try await leader.post(SiteRoute.defusing(eventID).path, form: form).status == .seeOther, "the same form again is the same conversation")
            #expect(try await app.db.sql().raw("SELECT COUNT(*) AS n FROM defusing_conversations WHERE event_id = \(bind: eventID)").first()?
                .decode(column: "n", as: Int.self) == 1)
            let after = try await leader.get(SiteRoute.event(eventID).path(PageQuery(notice: .defusingRecorded))).html
            #expect(after.contains("The defusing conversation is recorded") && after.contains("Took part: ") && !after.contains("Not yet: "))
            #expect(try await step(app, person: physician, event: eventID, .adjustments).status == .offered)
            let readBack = try await leader.get(SiteRoute.defusing(eventID).path).html
            #expect(readBack.contains("Everyone involved has taken part"))
            // What the conversation found can be read back: the facts, the reminders and each person's answers.
            #expect(readBack.contains("What was recorded") && readBack.contains("09:00 Patient found without pulse"))
            #expect(readBack.contains("Reminded of: Reactions are normal and usually fade"))
            #expect(readBack.contains("Jonas Berg: a colleague to talk to: No. Practical help now: Transport home. Someone to be with tonight: No."))
            #expect(readBack.contains("Ingrid Solheim: a colleague to talk to: Yes. Practical help now: No. Someone to be with tonight: Yes."))
            // The morning call says why it is there, to the leader who makes it, and not to the person.
            let physicianCase = try #require(try await Case.query(on: app.db).filter(\.$eventID == eventID).filter(\.$personID == physician).first()?.id)
            #expect(try await leader.get(SiteRoute.caseDetail(physicianCase).path).html.contains("had nobody to be with that night"))
            #expect(!(try await Browser.signedIn(app, as: "physician").get(SiteRoute.caseDetail(physicianCase).path).html.contains("nobody to be with")))

            for username in ["nurse", "supporter", "quality", "coordinator", "leader2"] {
                let browser = try await Browser.signedIn(app, as: username)
                #expect(try await browser.get(SiteRoute.defusing(eventID).path).status == .forbidden, "\(username)")
                #expect(try await browser.post(SiteRoute.defusing(eventID).path, form: form).status == .forbidden, "\(username)")
            }
            #expect(try await Browser.signedIn(app, as: "outsider").get(SiteRoute.defusing(eventID).path).status == .notFound)
        }
    }

    @Test func aKeyBelongsToOneEventAndAClosedPathwayIsLeftAlone() async throws {
        try await withTestApp { app in
            let first = try await event(app)
            let second = try await event(app)
            let leader = try await APIClient.signIn(app, as: "leader")
            let key = [("Idempotency-Key", "same-key")]
            let a = try await leader.send(.POST, "/api/v1/events/\(first.id)/defusing", json: body([participant(first.nurse)]), headers: key)
            let b = try await leader.send(.POST, "/api/v1/events/\(second.id)/defusing", json: body([participant(second.nurse)]), headers: key)
            #expect(a.status == .created && b.status == .created && a.json["id"] as? String != b.json["id"] as? String)
            #expect(b.headers.first(name: "Idempotent-Replayed") == nil)

            // The physician's pathway after the second event is closed: nothing of it moves.
            let caseID = try #require(try await Case.query(on: app.db).filter(\.$personID == second.physician).filter(\.$eventID == second.id).first()?.requireID())
            try await app.db.sql().raw("UPDATE cases SET status = 'closed' WHERE id = \(bind: caseID)").run()
            let closed = try await leader.send(.POST, "/api/v1/events/\(second.id)/defusing", json: body([participant(second.physician, help: "other", tonight: false)]))
            #expect(closed.status == .conflict && closed.errorCode == "case_closed")
            #expect(try await step(app, person: second.physician, event: second.id, .defusing).status != .done)
        }
    }

    /// One leader gathers everyone involved, also those of a unit they do not lead: a yes to a colleague heard
    /// there becomes a request for that person too, though their pathway is followed by someone else.
    @Test func aParticipantFromAnotherUnitWhoWantsAColleagueIsAskedForToo() async throws {
        try await withTestApp { app in
            let (eventID, nurse, colleague) = try await event(app)
            // The colleague works in a unit this leader does not lead, and another leader follows their pathway.
            let emergency = try await app.unitID("Emergency Department"), emergencyLeader = try await app.personID("leader2")
            try await app.db.sql().raw("UPDATE person_units SET unit_id = \(bind: emergency) WHERE person_id = \(bind: colleague)").run()
            try await app.db.sql().raw("UPDATE cases SET owner_id = \(bind: emergencyLeader) WHERE person_id = \(bind: colleague) AND event_id = \(bind: eventID)").run()
            let leader = try await APIClient.signIn(app, as: "leader")
            let recorded = try await leader.send(.POST, "/api/v1/events/\(eventID)/defusing", json: body([participant(nurse), participant(colleague, colleague: true)]))
            #expect(recorded.status == .created)
            let caseID = try #require(try await Case.query(on: app.db).filter(\.$personID == colleague).filter(\.$eventID == eventID).first()?.requireID())
            let request = try #require(try await SupportOffers.latest(caseID: caseID, organizationID: try await app.account("nurse").organizationID, on: app.db))
            #expect(request.status == .offered || request.status == .open)
            #expect(try await Message.query(on: app.db).filter(\.$recipientPersonID == colleague).filter(\.$kind == SupportOnBehalf.message).count() == 1)
            // The yes counted for that conversation only: the leader still may not act on that pathway otherwise.
            let page = try await Browser.signedIn(app, as: "leader").get(SiteRoute.caseDetail(caseID).path)
            #expect(page.status == .forbidden || page.status == .notFound)
            let again = try await Browser.signedIn(app, as: "leader").post(SiteRoute.supportOnBehalf(caseID).path, form: [("personAgreed", "true")])
            #expect(again.status == .forbidden || again.status == .notFound)
        }
    }

    @Test func aLeaderInvolvedInTheirOwnEventIsFollowedUpByTheLeaderAboveAndDoesNotRecordTheirOwnAnswers() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let me = try await app.personID("leader"), nurse = try await app.personID("nurse")
            let created = try await leader.send(.POST, "/api/v1/events", json: [
                "kind": "violence_threat", "severity": "moderate", "occurredAt": "2026-11-23T08:00:00Z",
                "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": "A relative shouted and pushed.",
                "involvedPersonIds": [me.uuidString, nurse.uuidString],
                "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
            ]).decode(APIModels.EventCreated.self)
            let own = try #require(try await Case.query(on: app.db).filter(\.$personID == me).filter(\.$eventID == created.id).first())
            #expect(own.ownerID == (try await app.personID("director")))
            let refused = try await leader.send(.POST, "/api/v1/events/\(created.id)/defusing", json: body([participant(nurse), participant(me)]))
            #expect(refused.status == .unprocessableEntity && refused.errorCode == "holder_takes_part")
            #expect(try await leader.send(.POST, "/api/v1/events/\(created.id)/defusing", json: body([participant(nurse)])).status == .created)
        }
    }

    /// The walkthrough's finding: Ingrid had Sara as her peer supporter (her own request), said in the defusing
    /// conversation that she would like a colleague, and was given a second supporter. Sara hears instead.
    @Test func someoneWhoHasASupporterAlreadyIsNotGivenASecond() async throws {
        try await withTestApp { app in
            let nurseAPI = try await APIClient.signIn(app, as: "nurse")
            let own = try await nurseAPI.send(.POST, "/api/v1/support-requests", json: [:]).decode(APIModels.SupportRequestCreated.self)
            let sara = try #require(try await app.db.sql().raw("SELECT sp.id, sp.person_id FROM supporter_profiles sp JOIN people p ON p.id = sp.person_id WHERE p.name = 'Sara Nilsen'").first())
            #expect(try await nurseAPI.send(.POST, "/api/v1/support-requests/\(own.id)/choose", json: ["supporterId": try sara.decode(column: "id", as: UUID.self).uuidString]).status == .ok)
            #expect(try await APIClient.signIn(app, as: "supporter").send(.POST, "/api/v1/support-requests/\(own.id)/accept").status == .ok)
            let (eventID, nurse, _) = try await event(app)
            let leader = try await APIClient.signIn(app, as: "leader")
            #expect(try await leader.send(.POST, "/api/v1/events/\(eventID)/defusing", json: body([participant(nurse, colleague: true)])).status == .created)
            let eventCase = try #require(try await Case.query(on: app.db).filter(\.$personID == nurse).filter(\.$eventID == eventID).first()?.requireID())
            let second = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM support_requests WHERE case_id = \(bind: eventCase)").first()?.decode(column: "n", as: Int.self)
            #expect(second == 0, "no second supporter")
            let saraPerson = try sara.decode(column: "person_id", as: UUID.self)
            let told = try await Message.query(on: app.db).filter(\.$recipientPersonID == saraPerson).filter(\.$kind == ContactWishes.supporterKind).count()
            #expect(told == 1)
        }
    }
}
