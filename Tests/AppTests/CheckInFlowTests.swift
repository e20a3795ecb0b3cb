import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// The follow-up months as the person lives them: check-ins answered on a moving clock, the rules acting on
/// them, and the owner told only what the person allowed — never an answer.
@Suite("Check-ins: answering, escalation, consent and access")
struct CheckInFlowTests {
    static let calm: [String: Int] = ["wellbeing": 7, "intrusive_memories": 1, "nervousness": 0, "sleep": 1, "concentration": 0, "anxiety": 0,
                                      "anger": 0, "self_blame": 1, "professional_confidence": 0, "wish_to_leave": 0, "wants_contact": 0]

    static func answers(wellbeing: Int, reactions: Int = 0, contact: Int = 0) -> [String: Int] {
        var answers = calm.mapValues { _ in 0 }
        answers["wellbeing"] = wellbeing
        answers["wants_contact"] = contact
        // Spread the reactions over the nine items, two at most each.
        var left = reactions
        for key in ["intrusive_memories", "nervousness", "sleep", "concentration", "anxiety", "anger", "self_blame", "professional_confidence", "wish_to_leave"] {
            answers[key] = min(2, left)
            left -= answers[key] ?? 0
        }
        return answers
    }

    /// Registers an event in Ward 3 with the nurse involved, as the leader; returns the nurse's new case.
    static func register(_ app: Application, at occurredAt: String = "2026-11-23T07:00:00Z") async throws -> UUID {
        let leader = try await APIClient.signIn(app, as: "leader")
        let nurse = try await app.personID("nurse")
        let created = try await leader.send(.POST, "/api/v1/events", json: [
            "kind": "near_miss", "severity": "moderate", "occurredAt": occurredAt,
            "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": "Caught in time.",
            "involvedPersonIds": [nurse.uuidString],
            "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
        ]).decode(APIModels.EventCreated.self)
        return try #require(created.cases.first?.id)
    }

    static func checkIns(_ app: Application, caseID: UUID) async throws -> [(id: UUID, due: Date)] {
        try await app.db.sql().raw("""
            SELECT id, due_at FROM check_ins WHERE case_id = \(bind: caseID) AND purpose = 'follow_up' ORDER BY due_at
            """).all().map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "due_at", as: Date.self)) }
    }

    static func attentionMessages(_ app: Application, to username: String) async throws -> Int {
        let person = try await app.personID(username)
        return try await Message.query(on: app.db).filter(\.$recipientPersonID == person).filter(\.$kind == CheckInAnswers.attentionKind).count()
    }

    @Test func theWholeScheduleEscalatesAndTheOwnerIsToldOnlyWithConsent() async throws {
        try await withTestApp { app in
            let consented = try await Self.register(app)
            let kept = try await Self.register(app, at: "2026-11-22T07:00:00Z")
            var nurse = try await APIClient.signIn(app, as: "nurse")
            // Consent to the signal on one pathway, not the other.
            let consents = try await nurse.send(.PUT, "/api/v1/me/consents", json: [
                "cases": [["caseId": consented.uuidString, "attentionSignalToOwner": true], ["caseId": kept.uuidString, "attentionSignalToOwner": false]],
            ])
            #expect(consents.status == .ok)
            let view = try consents.decode(APIModels.ConsentsView.self)
            #expect(view.cases.first { $0.caseId == consented }?.attentionSignalToOwner == true)
            #expect(view.attentionSignalToOwner == nil)

            // Per check-in: the answers given, and what the rules must say after them. Strong reactions (8 of 18 or
            // more) or a red flag bring the crisis numbers, at any point.
            let script: [(answers: [String: Int], redFlag: Bool, crisis: Bool, suggests: Bool)] = [
                (Self.answers(wellbeing: 6, reactions: 6), false, false, false),  // day 3
                (Self.answers(wellbeing: 1, reactions: 6), true, true, true),  // week 1: a red flag
                (Self.answers(wellbeing: 6, reactions: 5), false, false, false),  // week 2: better, but the mark stays
                (Self.answers(wellbeing: 5, reactions: 6), false, false, false),  // month 1
                (Self.answers(wellbeing: 6, reactions: 4, contact: 1), false, false, true),  // month 2: asks to be contacted
                (Self.answers(wellbeing: 6, reactions: 9), false, true, true),  // month 3: still strong
                (Self.answers(wellbeing: 7, reactions: 3), false, false, false),  // month 4
            ]
            for caseID in [consented, kept] {
                let planned = try await Self.checkIns(app, caseID: caseID)
                #expect(planned.count == script.count)
                for (step, (checkIn, expected)) in zip(planned, script).enumerated() {
                    // Not before its time. (Months pass: the person signs in again each time.)
                    app.environmentals.now = { checkIn.due.addingTimeInterval(-60) }
                    nurse = try await APIClient.signIn(app, as: "nurse")
                    #expect(try await nurse.send(.POST, "/api/v1/check-ins/\(checkIn.id)/answers", json: ["answers": expected.answers]).status == .conflict)
                    app.environmentals.now = { checkIn.due.addingTimeInterval(3600) }
                    let response = try await nurse.send(.POST, "/api/v1/check-ins/\(checkIn.id)/answers", json: ["answers": expected.answers])
                    #expect(response.status == .ok, "check-in \(step)")
                    let outcome = try response.decode(APIModels.CheckInAnswered.self)
                    #expect(outcome.redFlag == expected.redFlag, "check-in \(step)")
                    #expect(outcome.suggestExternalHelp == expected.suggests, "check-in \(step)")
                    // The crisis numbers come on the same response.
                    #expect(outcome.crisisContacts.map(\.number) == (expected.crisis ? ["113", "116 117"] : []), "check-in \(step)")
                }
            }
            // Worse at two check-ins in a row is its own reason.
            let history = [6.0, 4, 2].enumerated().map { index, wellbeing in
                CheckInEscalation.Answered(answeredAt: pinnedNow.addingTimeInterval(Double(index) * 86_400),
                                           score: InstrumentScore(subscales: ["wellbeing": wellbeing, "reactions": 3], total: 0, redFlag: false,
                                                                  wantsContact: false, reached: []))
            }
            #expect(CheckInEscalation.assess(history, eventAt: pinnedNow, timeZone: .defaultForOrganizations).reasons == [.worsening])

            // The owner heard about the consented pathway once, when it came to need attention (no later answer
            // cleared the mark), never about the other.
            #expect(try await Self.attentionMessages(app, to: "leader") == 1)
            app.environmentals.now = { pinnedNow }
            nurse = try await APIClient.signIn(app, as: "nurse")
            let leader = try await Browser.signedIn(app, as: "leader")
            let signal = "check-ins suggest they may need more support"
            let shown = try await leader.get(SiteRoute.caseDetail(consented).path)
            #expect(shown.status == .ok && shown.html.contains(signal))
            // The consent names the owner: the director above them does not see it.
            #expect(!(try await Browser.signedIn(app, as: "director").get(SiteRoute.caseDetail(consented).path).html.contains(signal)))
            let notShown = try await leader.get(SiteRoute.caseDetail(kept).path)
            #expect(notShown.status == .ok && !notShown.html.contains(signal))
            // No answer travels with the signal: not a score, not an item.
            for text in ["Trouble sleeping", "How are you doing", "wants_contact"] { #expect(!shown.html.contains(text)) }
            // Taking consent back takes the signal away at once.
            #expect(try await nurse.send(.PUT, "/api/v1/me/consents", json: ["cases": [["caseId": consented.uuidString, "attentionSignalToOwner": false]]])
                .status == .ok)
            #expect(!(try await leader.get(SiteRoute.caseDetail(consented).path).html.contains(signal)))
            // The person was shown the suggestion on their pathway, whatever they consented to.
            let own = try await Browser.signedIn(app, as: "nurse").get(SiteRoute.checkIns.path)
            #expect(own.html.contains("It may help to talk to someone who works with this"))
        }
    }

    @Test func badAnswersAreRefusedNamingTheItemAndChangeNothing() async throws {
        try await withTestApp { app in
            let caseID = try await Self.register(app)
            let first = try #require(try await Self.checkIns(app, caseID: caseID).first)
            app.environmentals.now = { first.due.addingTimeInterval(60) }
            let nurse = try await APIClient.signIn(app, as: "nurse")
            let path = "/api/v1/check-ins/\(first.id)/answers"
            var unknown = Self.calm
            unknown["mood<script>"] = 1
            let cases: [([String: Int], String)] = [
                (unknown, "mood<script>"), (Self.calm.merging(["sleep": 3]) { $1 }, "answers.sleep"),
                (Self.calm.merging(["wellbeing": -1]) { $1 }, "answers.wellbeing"), (Self.calm.filter { $0.key != "anger" }, "answers.anger"),
            ]
            for (answers, named) in cases {
                let response = try await nurse.send(.POST, path, json: ["answers": answers])
                #expect(response.status == .unprocessableEntity)
                #expect(response.text.contains(named))
            }
            #expect(try await nurse.send(.POST, path, json: ["answers": ["sleep": "a lot"]]).status.code / 100 == 4)
            // A fraction or a number too large to hold is off the scale too, and named as such.
            let written = Self.calm.filter { $0.key != "wellbeing" }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
            for number in ["2.5", "1e30"] {
                let response = try await nurse.send(.POST, path, raw: "{\"answers\": {\(written), \"wellbeing\": \(number)}}")
                #expect(response.status == .unprocessableEntity, "\(number)")
                #expect(response.text.contains("answers.wellbeing must be a whole number"), "\(number)")
            }
            let stored = "SELECT COUNT(*) AS n FROM check_in_answers WHERE check_in_id = '\(first.id.uuidString)'"
            #expect(try await app.db.sql().raw(SQLQueryString(stored)).first()?.decode(column: "n", as: Int.self) == 0)
            // The page's form: a missing answer shows the form again, naming the question, with what was chosen kept.
            let browser = try await Browser.signedIn(app, as: "nurse")
            var form = Self.calm.filter { $0.key != "sleep" }.map { ("answers[\($0.key)]", "\($0.value)") }
            let missing = try await browser.post(SiteRoute.checkIn(first.id).path, form: form)
            #expect(missing.status == .unprocessableEntity && missing.html.contains("Trouble sleeping: please answer this one too."))
            #expect(missing.html.contains(#"id="item-wellbeing-7" name="answers[wellbeing]" value="7" checked"#))
            form.append(("answers[sleep]", "<b>x</b>"))
            let unreadable = try await browser.post(SiteRoute.checkIn(first.id).path, form: form)
            #expect(unreadable.status == .unprocessableEntity && !unreadable.html.contains("<b>x</b>"))
            form[form.count - 1] = ("answers[sleep]", "1")
            form.append(("answers[<script>]", "1"))
            #expect(try await browser.post(SiteRoute.checkIn(first.id).path, form: form).status == .unprocessableEntity)
            // Consent can only be given for one's own pathways.
            let othersCase = try await app.caseID(of: "physician")
            #expect(try await nurse.send(.PUT, "/api/v1/me/consents", json: ["cases": [["caseId": othersCase.uuidString, "attentionSignalToOwner": true]]])
                .status == .unprocessableEntity)
            #expect(try await app.db.sql().raw("SELECT COUNT(*) AS n FROM consents WHERE case_id = \(bind: othersCase)").first()?.decode(column: "n", as: Int.self) == 0)
            // Two devices answer at once: one is taken, the other learns it was answered.
            async let a = nurse.send(.POST, path, json: ["answers": Self.calm])
            async let b = nurse.send(.POST, path, json: ["answers": Self.calm])
            let statuses = try await [a.status, b.status].sorted { $0.code < $1.code }
            #expect(statuses == [.ok, .conflict])
            #expect(try await app.db.sql().raw(SQLQueryString(stored)).first()?.decode(column: "n", as: Int.self) == Self.calm.count)
        }
    }

    @Test func nobodyButThePersonReadsTheAnswersUnlessSharedInAReferral() async throws {
        try await withTestApp { app in
            let caseID = try await Self.register(app)
            let planned = try await Self.checkIns(app, caseID: caseID)
            app.environmentals.now = { planned[1].due.addingTimeInterval(60) }
            let nurse = try await APIClient.signIn(app, as: "nurse")
            for checkIn in planned.prefix(2) {
                #expect(try await nurse.send(.POST, "/api/v1/check-ins/\(checkIn.id)/answers", json: ["answers": Self.answers(wellbeing: 3, reactions: 4)])
                    .status == .ok)
            }
            let due = try #require(planned.dropFirst(2).first)
            for username in ["leader", "leader2", "director", "physician", "supporter", "coordinator", "quality", "ohs", "admin", "outsider"] {
                let api = try await APIClient.signIn(app, as: username)
                let list = try await api.send(.GET, "/api/v1/check-ins").decode(APIModels.CheckInList.self)
                #expect(!list.items.contains { $0.caseId == caseID }, "\(username)")
                #expect(try await api.send(.POST, "/api/v1/check-ins/\(planned[0].id)/answers", json: ["answers": Self.calm]).status == .notFound, "\(username)")
                let browser = try await Browser.signedIn(app, as: username)
                for checkIn in [planned[0].id, due.id] {
                    #expect(try await browser.get(SiteRoute.checkIn(checkIn).path).status == .notFound, "\(username)")
                    #expect(try await browser.post(SiteRoute.skipCheckIn(checkIn).path, form: []).status == .notFound, "\(username)")
                }
                #expect(try await browser.post(SiteRoute.checkInPlan(caseID).path, form: [("change", "stop"), ("version", "0")]).status == .notFound,
                        "\(username)")
                let page = try await browser.get(SiteRoute.checkIns.path)
                #expect(!page.html.contains(planned[0].id.uuidString), "\(username)")
                #expect(!(try await browser.get(SiteRoute.caseDetail(caseID).path).html.contains("Trouble sleeping")), "\(username)")
            }
            // Occupational health sees a referral and only the check-in the person chose to share.
            let coordinator = try await Browser.signedIn(app, as: "coordinator")
            #expect(try await coordinator.post(SiteRoute.addService.path, form: [("kind", "occupational_health"), ("name", "BHT Nord"),
                                                                                 ("contact", "Call 22 00 00 00, weekdays 8–15")]).status == .seeOther)
            // Text that would turn around what follows it, or a control character, is refused and nothing is added.
            // So is the same service a second time, told apart only by case and spaces.
            let twice = try await coordinator.post(SiteRoute.addService.path, form: [("kind", "occupational_health"), ("name", " bht nord "),
                                                                                     ("contact", "Call")])
            #expect(twice.status == .unprocessableEntity)
            #expect(twice.html.contains("on the list already"))
            for name in ["BHT \u{202E}droN", "BHT\u{07}"] {
                #expect(try await coordinator.post(SiteRoute.addService.path, form: [("kind", "psychologist"), ("name", name), ("contact", "Call")])
                    .status == .unprocessableEntity)
            }
            let orgID = try await app.account("nurse").organizationID
            #expect(try await Referrals.services(organizationID: orgID, on: app.db).filter { $0.name.hasPrefix("BHT") }.count == 1)
            let service = try #require(try await Referrals.services(organizationID: orgID, on: app.db).first { $0.name == "BHT Nord" })
            // Only this pathway's check-ins can be shared in its referral.
            let demoAnswered = try #require(try await app.db.sql().raw("""
                SELECT ci.id FROM check_ins ci WHERE ci.person_id = \(bind: try await app.personID("nurse")) AND ci.case_id <> \(bind: caseID)
                  AND ci.status = 'answered' LIMIT 1
                """).first()).decode(column: "id", as: UUID.self)
            #expect(try await nurse.send(.POST, "/api/v1/cases/\(caseID)/referrals", json: ["serviceId": service.id.uuidString,
                                                                                             "shareCheckInIds": [demoAnswered.uuidString]]).status == .unprocessableEntity)
            // A pathway named twice with two answers is refused, not guessed at.
            #expect(try await nurse.send(.PUT, "/api/v1/me/consents", json: ["cases": [
                ["caseId": caseID.uuidString, "attentionSignalToOwner": true], ["caseId": caseID.uuidString, "attentionSignalToOwner": false]]])
                .status == .unprocessableEntity)
            let refer = try await nurse.send(.POST, "/api/v1/cases/\(caseID)/referrals", json: ["serviceId": service.id.uuidString,
                                                                                                 "shareCheckInIds": [planned[1].id.uuidString]])
            #expect(refer.status == .created)
            let ohs = try await Browser.signedIn(app, as: "ohs").get(SiteRoute.referrals.path)
            #expect(ohs.status == .ok && ohs.html.contains("Ingrid Solheim") && ohs.html.contains("Trouble sleeping"))
            // A number on a scale without words is read against the scale's end.
            #expect(ohs.html.contains("<dd>3 of 10</dd>"))
            let answeredDates = try await app.db.sql().raw("SELECT id FROM referral_check_ins").all().count
            #expect(answeredDates == 1)
            // A leader cannot share what they cannot read, and refers only with the person's agreement.
            let leader = try await APIClient.signIn(app, as: "leader")
            // Without the person's agreement the leader is told what is missing, as on the pathway page; nothing is made.
            let unagreed = try await leader.send(.POST, "/api/v1/cases/\(caseID)/referrals", json: ["serviceId": service.id.uuidString, "personAgrees": false])
            #expect(unagreed.status == .unprocessableEntity && unagreed.errorCode == "needs_agreement")
            let unagreedPage = try await Browser.signedIn(app, as: "leader").post(SiteRoute.makeReferral(caseID).path,
                                                                                 form: [("serviceId", service.id.uuidString)])
            #expect(unagreedPage.status == .unprocessableEntity && unagreedPage.html.contains("A referral is made only when the person agrees."))
            #expect(try await leader.send(.POST, "/api/v1/cases/\(caseID)/referrals", json: ["serviceId": service.id.uuidString,
                                                                                             "shareCheckInIds": [planned[0].id.uuidString], "personAgrees": true])
                .status == .forbidden)
            // Another organization's person cannot refer this pathway, nor learn it exists.
            let outsider = try await APIClient.signIn(app, as: "outsider")
            #expect(try await outsider.send(.POST, "/api/v1/cases/\(caseID)/referrals", json: ["serviceId": service.id.uuidString]).status == .notFound)
        }
    }

    @Test func invitationsComeWhenDueAndRespectPauseAndStop() async throws {
        try await withTestApp { app in
            let caseID = try await Self.register(app)
            let planned = try await Self.checkIns(app, caseID: caseID)
            let nurseID = try await app.personID("nurse")
            func invitations() async throws -> Int {
                try await Message.query(on: app.db).filter(\.$recipientPersonID == nurseID).filter(\.$kind == CheckInInvitations.dueKind)
                    .filter(\.$caseID == caseID).count()
            }
            var browser = try await Browser.signedIn(app, as: "nurse")
            func run(at moment: Date) async throws {
                app.environmentals.now = { moment }
                while try await JobWorker(app: app).runOnce() > 0 {}
                browser = try await Browser.signedIn(app, as: "nurse")
            }
            /// A change sent from the page as it is now: with the pathway's current version.
            func change(_ change: String) async throws -> HTTPStatus {
                let version = try #require(try await Case.find(caseID, on: app.db)).version
                return try await browser.post(SiteRoute.checkInPlan(caseID).path, form: [("change", change), ("version", "\(version)")]).status
            }
            try await run(at: planned[0].due.addingTimeInterval(-60))
            #expect(try await invitations() == 0)
            try await run(at: planned[0].due.addingTimeInterval(60))
            #expect(try await invitations() == 1)
            // The person pauses for a week: the week-1 invitation is not sent.
            #expect(try await change("pause_7") == .seeOther)
            try await run(at: planned[1].due.addingTimeInterval(60))
            #expect(try await invitations() == 1)
            // Stopped: nothing more. Started again: the next one comes.
            #expect(try await change("stop") == .seeOther)
            try await run(at: planned[2].due.addingTimeInterval(60))
            #expect(try await invitations() == 1)
            #expect(try await change("restart") == .seeOther)
            try await run(at: planned[3].due.addingTimeInterval(60))
            #expect(try await invitations() == 2)
            // A stale page's change loses to the newer one.
            #expect(try await browser.post(SiteRoute.checkInPlan(caseID).path, form: [("change", "stop"), ("version", "0")]).status == .conflict)
            // A form that does not say which state it was decided from changes nothing.
            #expect(try await browser.post(SiteRoute.checkInPlan(caseID).path, form: [("change", "stop")]).status == .badRequest)
            let stopped = try await app.db.sql().raw("SELECT check_ins_stopped_at FROM cases WHERE id = \(bind: caseID)").first()
            #expect(try stopped?.decode(column: "check_ins_stopped_at", as: Date?.self) == nil)
            // Skipping is allowed and tells nobody.
            let skipped = try await browser.post(SiteRoute.skipCheckIn(planned[3].id).path, form: [])
            #expect(skipped.status == .seeOther)
            #expect(try await APIClient.signIn(app, as: "nurse").send(.GET, "/api/v1/check-ins").decode(APIModels.CheckInList.self)
                .items.first { $0.id == planned[3].id }?.status == "skipped")
            // The pathway closes by agreement: no more follow-up check-ins, but the anniversary's still comes.
            let leader = try await Browser.signedIn(app, as: "leader")
            let version = try #require(try await Case.find(caseID, on: app.db)).version
            #expect(try await leader.post(SiteRoute.closeCase(caseID).path, form: [("personAgrees", "true"), ("version", "\(version)")]).status == .seeOther)
            try await run(at: planned[4].due.addingTimeInterval(60))
            #expect(try await invitations() == 2)
            let anniversary = try #require(try await app.db.sql().raw("SELECT due_at FROM check_ins WHERE case_id = \(bind: caseID) AND purpose = 'anniversary'")
                .first()).decode(column: "due_at", as: Date.self)
            try await run(at: anniversary.addingTimeInterval(60))
            #expect(try await Message.query(on: app.db).filter(\.$recipientPersonID == nurseID).filter(\.$kind == CheckInInvitations.anniversaryKind)
                .filter(\.$caseID == caseID).count() == 1)
        }
    }

    @Test func earlierPathwaysAreShownToThePersonAndToTheOwnerOnlyWithConsent() async throws {
        try await withTestApp { app in
            // A request for support kept from the leader, then a new event an hour later.
            let asked = try await APIClient.signIn(app, as: "nurse").send(.POST, "/api/v1/support-requests", json: ["involveLeader": false])
            let kept = try asked.decode(APIModels.SupportRequestCreated.self).caseId
            app.environmentals.now = { pinnedNow.addingTimeInterval(3600) }
            let caseID = try await Self.register(app, at: "2026-11-23T12:30:00Z")
            let nurse = try await Browser.signedIn(app, as: "nurse")
            let own = try await nurse.get(SiteRoute.caseDetail(caseID).path)
            #expect(own.html.contains("Your earlier pathways") && own.html.contains(SiteRoute.caseDetail(kept).path))
            let leader = try await Browser.signedIn(app, as: "leader")
            #expect(!(try await leader.get(SiteRoute.caseDetail(caseID).path).html.contains("Their earlier pathways")))
            // The nurse says yes: the leader sees them, except the one kept from leaders.
            #expect(try await nurse.post(SiteRoute.recordConsent.path, form: [("kind", "earlier_cases_to_owner"), ("caseId", caseID.uuidString),
                                                                               ("granted", "true")]).status == .seeOther)
            let shown = try await leader.get(SiteRoute.caseDetail(caseID).path)
            #expect(shown.html.contains("Their earlier pathways") && !shown.html.contains(SiteRoute.caseDetail(kept).path))
            // Nobody can answer for another person's pathway.
            #expect(try await leader.post(SiteRoute.recordConsent.path, form: [("kind", "earlier_cases_to_owner"), ("caseId", caseID.uuidString),
                                                                                ("granted", "true")]).status == .notFound)
        }
    }

    @Test func occupationalHealthReadsTheReferralsAPageAtATime() async throws {
        try await withTestApp { app in
            let org = try await app.account("nurse").organizationID
            let nurseID = try await app.personID("nurse")
            let caseID = try await app.caseID(of: "nurse")
            for index in 1...(Referrals.pageSize + 5) {
                let service = UUID()
                try await app.db.sql().raw("""
                    INSERT INTO services (id, organization_id, kind, name, contact, created_at)
                    VALUES (\(bind: service), \(bind: org), 'occupational_health', \(bind: "Service \(index)"), 'Call', \(bind: pinnedNow))
                    """).run()
                try await app.db.sql().raw("""
                    INSERT INTO referrals (id, organization_id, case_id, person_id, service_id, made_by, made_at)
                    VALUES (\(bind: UUID()), \(bind: org), \(bind: caseID), \(bind: nurseID), \(bind: service), \(bind: nurseID),
                      \(bind: pinnedNow.addingTimeInterval(Double(index) * 60)))
                    """).run()
            }
            let ohs = try await Browser.signedIn(app, as: "ohs")
            let first = try await ohs.get(SiteRoute.referrals.path)
            // Newest first; the oldest five are on the next page, which the page says is there.
            #expect(first.html.contains("Service \(Referrals.pageSize + 5)<") && !first.html.contains("Service 5<"))
            #expect(first.html.contains(#"rel="next""#))
            let second = try await ohs.get(SiteRoute.referrals.path(PageQuery(page: 2)))
            #expect((1...5).allSatisfy { second.html.contains("Service \($0)<") } && !second.html.contains("Service 6<"))
            #expect(!second.html.contains(#"rel="next""#) && second.html.contains(#"rel="prev""#))
        }
    }

    /// The walkthrough's finding: occupational health could read a referral but not say it had acted on it, so
    /// the person never knew their asking was answered. Now one of them notes it, once, and the person sees it.
    @Test func occupationalHealthNotesOnceThatItGotInTouchAndThePersonSeesIt() async throws {
        try await withTestApp { app in
            let org = try await app.account("nurse").organizationID
            let nurseID = try await app.personID("nurse")
            let caseID = try await app.caseID(of: "nurse")
            let service = UUID(), referral = UUID()
            try await app.db.sql().raw("""
                INSERT INTO services (id, organization_id, kind, name, contact, created_at)
                VALUES (\(bind: service), \(bind: org), 'occupational_health', 'BHT Nord', 'Call', \(bind: pinnedNow))
                """).run()
            try await app.db.sql().raw("""
                INSERT INTO referrals (id, organization_id, case_id, person_id, service_id, made_by, made_at)
                VALUES (\(bind: referral), \(bind: org), \(bind: caseID), \(bind: nurseID), \(bind: service), \(bind: nurseID), \(bind: pinnedNow))
                """).run()
            let ohs = try await Browser.signedIn(app, as: "ohs")
            let before = try await ohs.get(SiteRoute.referrals.path)
            #expect(before.html.contains(SiteRoute.referralContacted(referral).path) && before.html.contains("We have been in touch"))
            // Nobody else notes it, and an id that is not a referral to occupational health is not found.
            for username in ["nurse", "leader", "director", "coordinator", "supporter", "quality", "admin", "outsider"] {
                let other = try await Browser.signedIn(app, as: username)
                #expect(try await other.post(SiteRoute.referralContacted(referral).path, form: []).status == .forbidden, "\(username)")
            }
            #expect(try await ohs.post(SiteRoute.referralContacted(UUID()).path, form: []).status == .notFound)
            // Two tabs at once: one notes it, the other is shown the fresh list.
            let tabs = [ohs, try await Browser.signedIn(app, as: "ohs")]
            let answers = try await withThrowingTaskGroup(of: Browser.Page.self) { group in
                for tab in tabs { group.addTask { try await tab.post(SiteRoute.referralContacted(referral).path, form: []) } }
                var all: [Browser.Page] = []
                for try await answer in group { all.append(answer) }
                return all
            }
            #expect(Set(answers.map(\.status.code)) == [303, 409])
            #expect(answers.contains { $0.html.contains("Someone noted the contact already") })
            #expect(try await app.db.sql().raw("""
                SELECT COUNT(*) AS n FROM audit_entries WHERE object_id = \(bind: referral) AND action = 'update'
                """).first()?.decode(column: "n", as: Int.self) == 1)
            let after = try await ohs.get(SiteRoute.referrals.path)
            #expect(after.html.contains("Contacted on 23 Nov 2026 by") && !after.html.contains(SiteRoute.referralContacted(referral).path))
            let nurse = try await Browser.signedIn(app, as: "nurse").get(SiteRoute.checkIns.path)
            #expect(nurse.html.contains("Referred to BHT Nord on 23 Nov 2026. They noted that they got in touch on 23 Nov 2026."))
        }
    }

    /// Each add checks the list and then writes; the organization's row puts them one after the other. (On
    /// PostgreSQL the window between the check and the write is one round trip, and this test did not catch the
    /// lock taken out; it holds what a coordinator sees: one entry, and a sentence for the others.)
    @Test func twoCoordinatorsAddingTheSameServiceAtOnceListItOnce() async throws {
        try await withTestApp { app in
            let tabs = [try await Browser.signedIn(app, as: "coordinator"), try await Browser.signedIn(app, as: "coordinator")]
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        try await tabs[index % 2].post(SiteRoute.addService.path, form: [("kind", "psychologist"), ("name", "Samtaletilbud Vest"),
                                                                                          ("contact", "Call 22 00 00 01")]).status
                    }
                }
                var all: [HTTPStatus] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(statuses.filter { $0 == .seeOther }.count == 1, "\(statuses)")
            #expect(statuses.allSatisfy { $0 == .seeOther || $0 == .unprocessableEntity }, "\(statuses)")
            let org = try await app.account("coordinator").organizationID
            #expect(try await Referrals.services(organizationID: org, on: app.db).filter { $0.name == "Samtaletilbud Vest" }.count == 1)
        }
    }

    /// What a leader and the director can read of a pathway, hidden fields and versions included, with only
    /// the per-render keys taken out.
    static func leaderView(_ app: Application, caseID: UUID) async throws -> [String] {
        var seen: [String] = []
        for username in ["leader", "director"] {
            let browser = try await Browser.signedIn(app, as: username)
            for path in [SiteRoute.caseDetail(caseID).path, SiteRoute.tasks.path, SiteRoute.inbox.path, SiteRoute.events.path] {
                let page = try await browser.get(path)
                seen.append("\(username) \(path) \(page.status.code) " + page.html
                    .replacing(/name="_csrf" value="[^"]*"/, with: "")
                    .replacing(/name="_submission" value="[^"]*"/, with: ""))
            }
            let api = try await APIClient.signIn(app, as: username)
            for path in ["/api/v1/cases/\(caseID)", "/api/v1/me", "/api/v1/support-requests"] {
                let answer = try await api.send(.GET, path)
                seen.append("\(username) \(path) \(answer.status.code) \(answer.text)")
            }
        }
        return seen
    }

    /// The attack's finding: a worrying answer bumped the leader's `external_help` step (version 0 → 1) though
    /// the person had not consented. Everything the owner and the director can read must stay identical.
    @Test func aWorryingAnswerWithoutConsentChangesNothingALeaderOrTheDirectorCanRead() async throws {
        try await withTestApp { app in
            let caseID = try await Self.register(app)
            let first = try #require(try await Self.checkIns(app, caseID: caseID).first)
            app.environmentals.now = { first.due.addingTimeInterval(3600) }
            let before = try await Self.leaderView(app, caseID: caseID)
            let nurse = try await APIClient.signIn(app, as: "nurse")
            let answered = try await nurse.send(.POST, "/api/v1/check-ins/\(first.id)/answers",
                                                json: ["answers": Self.answers(wellbeing: 1, reactions: 18, contact: 1)])
            #expect(answered.status == .ok)
            #expect(try answered.decode(APIModels.CheckInAnswered.self).suggestExternalHelp)
            let after = try await Self.leaderView(app, caseID: caseID)
            #expect(before.count == after.count)
            for (was, now) in zip(before, after) { #expect(was == now, "\(was.prefix(60))") }
            // The suggestion is the person's own: their pathway page says so.
            let own = try await Browser.signedIn(app, as: "nurse").get(SiteRoute.caseDetail(caseID).path)
            #expect(own.html.contains("Suggested for you after your check-ins"))
        }
    }

    /// The walkthrough's finding: a worse answer without a reason of its own cleared the warning the earlier
    /// one raised, and the referral form vanished for the person doing worst. Only acting on it clears it.
    @Test func aLaterAnswerNeverClearsTheWarningAReferralDoes() async throws {
        try await withTestApp { app in
            let caseID = try await Self.register(app)
            let planned = try await Self.checkIns(app, caseID: caseID)
            app.environmentals.now = { planned[1].due.addingTimeInterval(3600) }
            while try await JobWorker(app: app).runOnce() > 0 {}
            let nurse = try await APIClient.signIn(app, as: "nurse")
            #expect(try await nurse.send(.POST, "/api/v1/check-ins/\(planned[0].id)/answers", json: ["answers": Self.answers(wellbeing: 1)]).status == .ok)
            // Answered, its invitation is no longer unread in the inbox.
            let invitation = try await Message.query(on: app.db).filter(\.$linkPath == SiteRoute.checkIn(planned[0].id).path).first()
            #expect(invitation != nil && invitation?.readAt != nil)
            // Calmer by the rules' reasons, and no wish for contact: the mark and the way to help stay.
            #expect(try await nurse.send(.POST, "/api/v1/check-ins/\(planned[1].id)/answers", json: ["answers": Self.answers(wellbeing: 6, reactions: 2)])
                .status == .ok)
            let browser = try await Browser.signedIn(app, as: "nurse")
            let page = try await browser.get(SiteRoute.checkIns.path)
            #expect(page.html.contains("It may help to talk to someone who works with this"))
            // Answered later than planned, the table says both dates; and the crisis line's numbers can be called.
            #expect(page.html.contains("(planned for "))
            #expect(page.html.contains("<a href=\"tel:113\">113</a>"))
            #expect(page.html.contains(SiteRoute.makeReferral(caseID).path))
            let marked = try await app.db.sql().raw("SELECT attention_at FROM cases WHERE id = \(bind: caseID)").first()?
                .decode(column: "attention_at", as: Date?.self)
            #expect(marked != nil)
            // A referral acts on it: the mark goes, and the person can still ask another service.
            let service = try #require(try await Referrals.services(organizationID: try await app.account("nurse").organizationID, on: app.db).first)
            #expect(try await nurse.send(.POST, "/api/v1/cases/\(caseID)/referrals", json: ["serviceId": service.id.uuidString]).status == .created)
            let cleared = try await app.db.sql().raw("SELECT attention_at FROM cases WHERE id = \(bind: caseID)").first()?
                .decode(column: "attention_at", as: Date?.self)
            #expect(cleared == nil)
            #expect(try await browser.get(SiteRoute.checkIns.path).html.contains("It may help to talk to someone who works with this"))
        }
    }

    /// The walkthrough's finding: "Would you like someone to contact you? – Yes, please" contacted nobody. A yes
    /// now reaches the one the person chose — a peer supporter when nobody is chosen — and the answer page says who.
    @Test func aYesToBeingContactedReachesTheOneChosen() async throws {
        try await withTestApp { app in
            let caseID = try await Self.register(app)
            let planned = try await Self.checkIns(app, caseID: caseID)
            app.environmentals.now = { planned[2].due.addingTimeInterval(3600) }
            let nurse = try await Browser.signedIn(app, as: "nurse")
            // The form asks who, beside the question, with the leader named and nothing chosen in advance.
            let form = try await nurse.get(SiteRoute.checkIn(planned[0].id).path)
            #expect(form.html.contains("If you would like someone to contact you: who?") && form.html.contains("My leader, Marte Lunde"))
            #expect(form.html.contains("value=\"occupational_health\"") && !form.html.contains("name=\"contactBy\" value=\"peer_supporter\" checked"))
            func answer(_ checkIn: UUID, contactBy: String?) async throws -> Browser.Page {
                let answers = Self.answers(wellbeing: 6, reactions: 2, contact: 1).map { ("answers[\($0.key)]", "\($0.value)") }
                let version = try #require(try await nurse.get(SiteRoute.checkIn(checkIn).path).html.firstMatch(of: /name="version" value="(\d+)"/)).1
                return try await nurse.post(SiteRoute.checkIn(checkIn).path,
                                            form: answers + [("version", String(version))] + (contactBy.map { [("contactBy", $0)] } ?? []))
            }
            func inbox(_ username: String, _ kind: String) async throws -> [Message] {
                try await Message.query(on: app.db).filter(\.$recipientPersonID == (try await app.personID(username))).filter(\.$kind == kind).all()
            }
            // The leader: told at once, linked to the pathway, told nothing of the answers.
            let toLeader = try await answer(planned[0].id, contactBy: "leader")
            #expect(toLeader.status == .ok && toLeader.html.contains("Marte Lunde has been told that you would like to talk"))
            let leaderMessages = try await inbox("leader", ContactWishes.leaderKind)
            #expect(leaderMessages.count == 1 && leaderMessages.first?.urgency == .urgent && leaderMessages.first?.linkPath == SiteRoute.caseDetail(caseID).path)
            let leaderInbox = try await Browser.signedIn(app, as: "leader").get(SiteRoute.inbox.path).html
            #expect(leaderInbox.contains("Someone you lead would like you to get in touch"))
            // Nobody chosen: a peer supporter is asked, and it reaches that supporter's inbox as an offer.
            let toPeer = try await answer(planned[1].id, contactBy: nil)
            #expect(toPeer.status == .ok && toPeer.html.contains("a peer supporter, to contact you"))
            let request = try #require(try await SupportOffers.latest(caseID: caseID, organizationID: try await app.account("nurse").organizationID, on: app.db))
            #expect(request.status == .offered)
            let supporter = try #require(request.supporterPersonID)
            let offers = try await Message.query(on: app.db).filter(\.$recipientPersonID == supporter).filter(\.$kind == SupportOffers.messageOffer).all()
            #expect(offers.count == 1 && offers.first?.linkPath == SiteRoute.supportRequest(request.id).path)
            // Occupational health: a referral without any answer shared, and their inbox is told one waits.
            let toHealth = try await answer(planned[2].id, contactBy: "occupational_health")
            #expect(toHealth.status == .ok && toHealth.html.contains("has been told that you would like them to contact you"))
            #expect(try await inbox("ohs", Referrals.receivedKind).count == 1)
            let shared = try await app.db.sql().raw("SELECT COUNT(*) AS n FROM referral_check_ins").first()?.decode(column: "n", as: Int.self)
            #expect(shared == 0)
            // A choice nobody offered is refused, and nothing is answered.
            let api = try await APIClient.signIn(app, as: "nurse")
            let bad = try await api.send(.POST, "/api/v1/check-ins/\(planned[3].id)/answers",
                                         json: ["answers": Self.answers(wellbeing: 6, contact: 1), "contactBy": "the_director"])
            #expect(bad.status == .unprocessableEntity)
        }
    }
}
