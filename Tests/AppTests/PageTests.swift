import Fluent
import Foundation
import SQLiteNIO
import Testing
import Vapor
@testable import App

@Suite("Web pages")
struct PageTests {
    @Test func loginRotatesTheSessionAndLogoutEndsIt() async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            #expect(try await browser.get(SiteRoute.tasks.path).location?.hasPrefix(SiteRoute.login.path) == true)
            let wrong = try await browser.post(SiteRoute.login.path, form: [("username", "leader"), ("password", "wrong")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.html.contains("did not match"))
            #expect(wrong.html.contains("value=\"leader\""))

            let csrfBefore = browser.cookies[Tokens.csrfCookie]
            #expect(try await browser.post(SiteRoute.login.path, form: [("username", "leader"), ("password", DemoSeeder.password)]).status == .seeOther)
            let session = try #require(browser.cookies[Tokens.sessionCookie])
            #expect(browser.cookies[Tokens.csrfCookie] != csrfBefore)
            #expect(try await browser.get(SiteRoute.tasks.path).status == .ok)

            // A second login gets a new session id and the old one stops working.
            #expect(try await browser.post(SiteRoute.login.path, form: [("username", "leader"), ("password", DemoSeeder.password)]).status == .seeOther)
            #expect(browser.cookies[Tokens.sessionCookie] != session)
            let stale = Browser(app)
            stale.cookies[Tokens.sessionCookie] = session
            #expect(try await stale.get(SiteRoute.tasks.path).location?.hasPrefix(SiteRoute.login.path) == true)

            #expect(try await browser.post(SiteRoute.logout.path, form: []).location?.hasPrefix(SiteRoute.login.path) == true)
            #expect(try await browser.get(SiteRoute.tasks.path).location?.hasPrefix(SiteRoute.login.path) == true)
        }
    }

    @Test func cookiesAreStrictAndHttpOnly() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, SiteRoute.login.path) { res in
                let cookie = try #require(res.headers.setCookie?[Tokens.csrfCookie])
                #expect(cookie.isHTTPOnly)
                #expect(cookie.sameSite == .strict)
            }
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefusedAndChangeNothing() async throws {
        try await withTestApp { app in
            let browser = try await Browser.signedIn(app, as: "nurse")
            let before = try await Case.query(on: app.db).count()
            let refused = try await browser.post(SiteRoute.requestSupport.path, form: [], csrf: false)
            #expect(refused.status == .forbidden)
            #expect(refused.html.contains("expired"))
            let forged = try await browser.post(SiteRoute.requestSupport.path, form: [("_csrf", "forged")], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await Case.query(on: app.db).count() == before)
        }
    }

    /// The attack's finding: the token was only compared with the cookie, so a planted cookie with the same
    /// field value, or another session's pair, was accepted. The token is bound to the session now.
    @Test func aPlantedCookieOrAnotherSessionsTokenIsRefused() async throws {
        try await withTestApp { app in
            let before = try await Case.query(on: app.db).count()
            let victim = try await Browser.signedIn(app, as: "nurse")
            // A cookie planted by a sibling site, with the field to match it.
            victim.cookies[Tokens.csrfCookie] = "attacker-chosen"
            let planted = try await victim.post(SiteRoute.requestSupport.path, form: [("_csrf", "attacker-chosen")], csrf: false)
            #expect(planted.status == .forbidden && planted.html.contains("expired"))
            // The attacker's own session's cookie and token, carried into the victim's session.
            let attacker = try await Browser.signedIn(app, as: "physician")
            let attackersToken = try #require(try await attacker.get(SiteRoute.requestSupport.path).html
                .firstMatch(of: /name="_csrf" value="([^"]*)"/)).1
            victim.cookies[Tokens.csrfCookie] = attacker.cookies[Tokens.csrfCookie]
            let carried = try await victim.post(SiteRoute.requestSupport.path, form: [("_csrf", String(attackersToken))], csrf: false)
            #expect(carried.status == .forbidden)
            #expect(try await Case.query(on: app.db).count() == before, "nothing was created")
            // The page's own token, in its own session, still works.
            let fresh = try await Browser.signedIn(app, as: "nurse")
            let own = try #require(try await fresh.get(SiteRoute.requestSupport.path).html.firstMatch(of: /name="_csrf" value="([^"]*)"/)).1
            #expect(try await fresh.post(SiteRoute.requestSupport.path, form: [("_csrf", String(own))], csrf: false).status == .seeOther)
            // Signing out replaces the cookie, so a token read before does not outlive the session.
            let cookieBefore = fresh.cookies[Tokens.csrfCookie]
            _ = try await fresh.post(SiteRoute.logout.path, form: [])
            #expect(fresh.cookies[Tokens.csrfCookie] != cookieBefore)
        }
    }

    @Test func leaderRegistersAnEventThroughTheForm() async throws {
        try await withTestApp { app in
            let browser = try await Browser.signedIn(app, as: "leader")
            let form = try await browser.get(SiteRoute.newEvent.path)
            #expect(form.status == .ok)
            // People first, found by name or listed per unit; the form opens with nobody listed.
            #expect(!form.html.contains("Ingrid Solheim") && form.html.contains("List everyone in Surgical Ward 3"))
            let events = try await Event.query(on: app.db).count()
            let found = try await browser.post(SiteRoute.newEvent.path, form: [("q", "ingrid"), ("find", "name"), ("summary", "Kept <b>as typed</b>")])
            #expect(found.status == .ok && found.html.contains("Ingrid Solheim") && found.html.contains("Kept &lt;b&gt;as typed&lt;/b&gt;"))
            #expect(try await Event.query(on: app.db).count() == events, "finding saves nothing")
            let outside = try await browser.post(SiteRoute.newEvent.path, form: [("q", "Sara"), ("find", "name")])
            #expect(!outside.html.contains("Sara Nilsen") && outside.html.contains("Nobody in your units matches"), "people outside the leader's units are not offered")
            let unit = try await browser.post(SiteRoute.newEvent.path, form: [("find", "unit"), ("unitId", try await app.unitID("Surgical Ward 3").uuidString)])
            #expect(unit.html.contains("Ingrid Solheim") && !unit.html.contains("Jonas Berg"))

            let nurse = try await app.personID("nurse").uuidString
            let physician = try await app.personID("physician").uuidString
            let created = try await browser.post(SiteRoute.newEvent.path, form: [
                ("kind", "unexpected_death"), ("severity", "critical"), ("unitId", try await app.unitID("Operating Theatres").uuidString),
                ("occurredAt", "2026-11-23T11:15"), ("summary", "Patient died during surgery."), ("incidentReportRef", "AVV-9"),
                ("tags[]", "death_on_table"), ("patientSafe", "false"), ("staffSafe", "true"), ("premisesSafe", "true"),
                ("everyoneInformed", "true"), ("involvedPersonIds[]", nurse), ("involvedPersonIds[]", physician), ("relievedPersonIds[]", nurse),
            ])
            #expect(created.status == .seeOther)
            let location = try #require(created.location)
            let event = try await browser.get(location)
            #expect(event.status == .ok)
            #expect(event.html.contains("Ingrid Solheim"))
            #expect(event.html.contains("Jonas Berg"))
            #expect(event.html.contains("Death on the operating table"))
            #expect(event.html.contains("a pathway has started"))
            let stored = try #require(try await Event.query(on: app.db).filter(\.$incidentReportRef == "AVV-9").first())
            // 11:15 in Oslo is 10:15 UTC.
            #expect(stored.occurredAt == ISO8601.parse("2026-11-23T10:15:00Z"))
            #expect(try await Case.query(on: app.db).filter(\.$eventID == stored.id).count() == 2)
        }
    }

    @Test func aRejectedEventFormKeepsEverythingAndSaysWhatIsWrong() async throws {
        try await withTestApp { app in
            let browser = try await Browser.signedIn(app, as: "leader")
            let nurse = try await app.personID("nurse").uuidString
            let rejected = try await browser.post(SiteRoute.newEvent.path, form: [
                ("kind", "near_miss"), ("severity", ""), ("unitId", try await app.unitID("Surgical Ward 3").uuidString),
                ("occurredAt", "2026-11-25T10:00"), ("summary", "Label mix-up caught at the bedside."), ("involvedPersonIds[]", nurse),
                ("patientSafe", "true"),
            ])
            #expect(rejected.status == .unprocessableEntity)
            #expect(rejected.html.contains("Choose how serious it was."))
            #expect(rejected.html.contains("The time cannot be in the future."))
            #expect(rejected.html.contains("Answer whether the staff are safe."))
            #expect(rejected.html.contains("Label mix-up caught at the bedside."))
            #expect(rejected.html.contains("value=\"2026-11-25T10:00\""))
            #expect(rejected.html.contains("id=\"involved-\(nurse)\" name=\"involvedPersonIds[]\" value=\"\(nurse)\" checked"))
            #expect(try await Event.query(on: app.db).count() == 5)

            let garbled = try await browser.post(SiteRoute.newEvent.path, form: [("occurredAt", "tomorrow-ish"), ("patientSafe", "perhaps")])
            #expect(garbled.status == .unprocessableEntity)
            #expect(garbled.html.contains("Write the time as a date and a time of day."))
        }
    }

    @Test func tasksShowOneCardPerPathwayWithItsEventTheAcutePhaseFirst() async throws {
        try await withTestApp { app in
            // The nurse asks for support and wants her leader involved: her own request stands out.
            #expect(try await APIClient.signIn(app, as: "nurse").send(.POST, "/api/v1/support-requests", json: ["involveLeader": true]).status == .created)
            let page = try await Browser.signedIn(app, as: "leader").get(SiteRoute.tasks.path)
            #expect(page.status == .ok)
            #expect(page.html.contains("Overdue"))
            #expect(page.html.contains("Adverse event with harm · Surgical Ward 3"))
            #expect(page.html.contains("class=\"task own-request") && page.html.contains("Asked for support themself"))
            let cards = page.html.components(separatedBy: "<li class=\"task").count - 1
            let people = try await app.db.sql().raw("""
                SELECT COUNT(DISTINCT c.id) AS n FROM cases c JOIN pathway_steps s ON s.case_id = c.id
                WHERE c.owner_id = \(bind: try await app.personID("leader")) AND c.status = 'open' AND s.status IN ('pending', 'offered', 'accepted')
                """).first()?.decode(column: "n", as: Int.self)
            #expect(cards == min(people ?? 0, TasksController.pageSize), "one card per pathway, not per step")
            #expect(try await Browser.signedIn(app, as: "leader").get(SiteRoute.tasks.path + "?page=9223372036854775807").status == .ok)
            #expect(try await Browser.signedIn(app, as: "nurse").get(SiteRoute.tasks.path).status == .forbidden)
            let leader2 = try await Browser.signedIn(app, as: "leader2").get(SiteRoute.tasks.path)
            #expect(!leader2.html.contains("Ingrid Solheim"))
        }
    }

    @Test func taskOrderComesFromTheQuery() async throws {
        try await withTestApp { app in
            let leader = try await app.personID("leader")
            let org = try await app.account("leader").organizationID
            let groups = try await TasksController.query(ownerID: leader, organizationID: org, page: 1, on: app.db).groups
            let acute = groups.map { $0.steps.filter { $0.key.phase == .acute }.compactMap(\.dueAt).min() }
            let dated = acute.compactMap { $0 }
            #expect(dated.count > 1 && dated == dated.sorted(), "the acute phase, soonest first")
            #expect(acute.prefix(dated.count).allSatisfy { $0 != nil }, "pathways still in the acute phase come first")
            for group in groups {
                let dues = group.steps.compactMap(\.dueAt)
                #expect(dues == dues.sorted())
            }
        }
    }

    @Test func escalationsToADivisionLeaderAreOnTheirTasks() async throws {
        try await withTestApp { app in
            while try await JobWorker(app: app).runOnce() > 0 {}
            let director = try await app.personID("director")
            let escalated = try await Message.query(on: app.db).filter(\.$recipientPersonID == director).all().filter { $0.kind.hasPrefix(Messages.stepOverduePrefix) }
            #expect(!escalated.isEmpty)
            let page = try await Browser.signedIn(app, as: "director").get(SiteRoute.tasks.path).html
            #expect(page.contains("Overdue in pathways led by people you lead") && page.contains(" overdue</a>") && page.contains("Led by "))
            // In the inbox, escalations that came together are one line that leads to the tasks.
            let inbox = try await Browser.signedIn(app, as: "director").get(SiteRoute.inbox.path).html
            #expect(escalated.count > 1, "the demo escalates several at once")
            #expect(inbox.contains("\(escalated.count) pathways at once") && inbox.contains(">Open my tasks<"))
            #expect(inbox.components(separatedBy: "is overdue in a pathway").count - 1 == 1)
        }
    }

    @Test func theInvolvedPersonSeesTheirPathwayInWarmWordsAndCanDecline() async throws {
        try await withTestApp { app in
            let browser = try await Browser.signedIn(app, as: "nurse")
            let mine = try await browser.get(SiteRoute.mySupport.path)
            // The person's own words: when it happened, never the event's classification.
            #expect(mine.html.contains("After what happened on") && !mine.html.contains("Adverse event with harm"))
            let caseID = try await app.caseID(of: "nurse")
            let page = try await browser.get(SiteRoute.caseDetail(caseID).path)
            #expect(page.html.contains("Your support pathway"))
            #expect(page.html.contains("A colleague to talk to"))
            #expect(page.html.contains("Not now, thank you"))
            #expect(!page.html.contains("Mark as done"))

            let declined = try await browser.post(SiteRoute.caseStep(caseID, .peerSupport).path, form: [("status", "declined"), ("version", try await app.stepVersion(caseID, .peerSupport))])
            #expect(declined.status == .seeOther)
            let after = try await browser.get(try #require(declined.location))
            #expect(after.html.contains("Saved."))
            #expect(after.html.contains("You said not now") && !after.html.contains("Declined for now"))
            let forbidden = try await browser.post(SiteRoute.caseStep(caseID, .followUpMeetings).path, form: [("status", "done"), ("version", try await app.stepVersion(caseID, .followUpMeetings))])
            #expect(forbidden.status == .forbidden)
        }
    }

    @Test func leaderMovesStepsAndIsToldWhenAMoveIsNotPossible() async throws {
        try await withTestApp { app in
            let browser = try await Browser.signedIn(app, as: "leader")
            let caseID = try await app.caseID(of: "nurse")
            let refused = try await browser.post(SiteRoute.caseStep(caseID, .defusing).path, form: [("status", "offered"), ("version", try await app.stepVersion(caseID, .defusing))])
            #expect(refused.status == .conflict)
            #expect(refused.html.contains("Nothing was changed"))
            // A form that does not say which state it was decided from changes nothing.
            let unversioned = try await browser.post(SiteRoute.caseStep(caseID, .followUpMeetings).path, form: [("status", "done")])
            #expect(unversioned.status == .badRequest)
            #expect(try await StepRecord.query(on: app.db).filter(\.$caseID == caseID).filter(\.$key == .followUpMeetings).first()?.status != .done)
            let closeUnversioned = try await browser.post(SiteRoute.closeCase(caseID).path, form: [("personAgrees", "true")])
            let stillOpen = try await Case.find(caseID, on: app.db)?.status == .open
            #expect(closeUnversioned.status == .badRequest && stillOpen)
            let done = try await browser.post(SiteRoute.caseStep(caseID, .followUpMeetings).path, form: [("status", "done"), ("version", try await app.stepVersion(caseID, .followUpMeetings))])
            #expect(done.status == .seeOther)
            let step = try #require(try await StepRecord.query(on: app.db).filter(\.$caseID == caseID).filter(\.$key == .followUpMeetings).first())
            #expect(step.status == .done)
            #expect(step.doneBy == (try await app.personID("leader")))
        }
    }

    @Test func closingNeedsThePersonsAgreementAndCasesReopen() async throws {
        try await withTestApp { app in
            let browser = try await Browser.signedIn(app, as: "leader")
            let caseID = try await app.caseID(of: "nurse")
            let refused = try await browser.post(SiteRoute.closeCase(caseID).path, form: [("version", try await app.caseVersion(caseID))])
            #expect(refused.status == .conflict)
            #expect(try await browser.post(SiteRoute.closeCase(caseID).path, form: [("personAgrees", "true"), ("version", try await app.caseVersion(caseID))]).status == .seeOther)
            #expect(try await Case.find(caseID, on: app.db)?.status == .closed)
            let nurse = try await Browser.signedIn(app, as: "nurse")
            #expect(try await nurse.post(SiteRoute.reopenCase(caseID).path, form: [("version", try await app.caseVersion(caseID))]).status == .seeOther)
            #expect(try await Case.find(caseID, on: app.db)?.status == .open)
        }
    }

    @Test func askingForSupportTakesOneFormFromAnyPage() async throws {
        try await withTestApp { app in
            let browser = try await Browser.signedIn(app, as: "physician")
            let home = try await browser.get(SiteRoute.mySupport.path)
            #expect(home.html.contains("href=\"\(SiteRoute.requestSupport.path)\""))
            #expect(try await browser.get(SiteRoute.requestSupport.path).status == .ok)
            let sent = try await browser.post(SiteRoute.requestSupport.path, form: [("outsideUnit", "true")])
            #expect(sent.status == .seeOther)
            let page = try await browser.get(try #require(sent.location))
            #expect(page.html.contains("no peer supporter has been told yet"), "nothing is promised that has not happened")
            #expect(page.html.contains("Who would you like to talk to?"), "the person chooses on the page they land on")
            let person = try await app.personID("physician")
            let created = try #require(try await Case.query(on: app.db).filter(\.$personID == person).filter(\.$eventID == .null).first())
            #expect(created.prefersOutsideUnit)
        }
    }

    @Test("case page access for every role", arguments: [
        ("nurse", HTTPStatus.ok), ("leader", .ok), ("leader2", .forbidden), ("physician", .forbidden), ("supporter", .forbidden),
        ("coordinator", .forbidden), ("quality", .forbidden), ("ohs", .forbidden), ("admin", .forbidden), ("outsider", .notFound),
    ])
    func casePageAccess(username: String, status: HTTPStatus) async throws {
        try await withTestApp { app in
            let caseID = try await app.caseID(of: "nurse")
            let browser = try await Browser.signedIn(app, as: username)
            #expect(try await browser.get(SiteRoute.caseDetail(caseID).path).status == status)
            let move = try await browser.post(SiteRoute.caseStep(caseID, .adjustments).path, form: [("status", "not_relevant"), ("version", try await app.stepVersion(caseID, .adjustments))])
            #expect(move.status == (username == "leader" ? .seeOther : status == .notFound ? .notFound : .forbidden))
        }
    }

    @Test("event page access for every role", arguments: [
        ("leader", HTTPStatus.ok), ("quality", .ok), ("leader2", .forbidden), ("nurse", .forbidden), ("coordinator", .forbidden),
        ("admin", .forbidden), ("outsider", .notFound),
    ])
    func eventPageAccess(username: String, status: HTTPStatus) async throws {
        try await withTestApp { app in
            let nurseCase = try #require(try await Case.find(try await app.caseID(of: "nurse"), on: app.db))
            let eventID = try #require(nurseCase.eventID)
            let page = try await Browser.signedIn(app, as: username).get(SiteRoute.event(eventID).path)
            #expect(page.status == status)
            if username == "quality" {
                #expect(!page.html.contains("Ingrid Solheim"), "quality advisors never see support data")
            }
        }
    }

    @Test func registeringEventsIsForLeadersOnly() async throws {
        try await withTestApp { app in
            for username in ["nurse", "coordinator", "quality", "admin"] {
                let page = try await Browser.signedIn(app, as: username).get(SiteRoute.newEvent.path)
                #expect(page.status == .forbidden, "\(username)")
            }
        }
    }

    @Test func malformedIdsAndUnknownPagesAnswer404Pages() async throws {
        try await withTestApp { app in
            let browser = try await Browser.signedIn(app, as: "leader")
            let bad = try await browser.get("/cases/not-a-uuid")
            #expect(bad.status == .notFound)
            #expect(bad.html.contains("could not find"))
            #expect(try await browser.get("/cases/\(UUID())").status == .notFound)
            #expect(try await browser.get("/no/such/page").status == .notFound)
        }
    }

    @Test func readsAndChangesOfCasesAreAudited() async throws {
        try await withTestApp { app in
            let caseID = try await app.caseID(of: "nurse")
            let browser = try await Browser.signedIn(app, as: "leader")
            _ = try await browser.get(SiteRoute.caseDetail(caseID).path)
            _ = try await browser.post(SiteRoute.caseStep(caseID, .followUpMeetings).path, form: [("status", "done"), ("version", try await app.stepVersion(caseID, .followUpMeetings))])
            let entries = try await AuditEntry.query(on: app.db).filter(\.$subjectPersonID == (try await app.personID("nurse"))).all()
            let leader = try await app.personID("leader")
            #expect(entries.contains { $0.action == "read" && $0.objectID == caseID && $0.actorPersonID == leader && $0.at == pinnedNow })
            #expect(entries.contains { $0.action == "update" && $0.objectType == "pathway_step" })
        }
    }

    @Test func healthAnswersWhenTheDatabaseDoes() async throws {
        try await withTestApp(seed: false) { app in
            try await app.testing().test(.GET, SiteRoute.health.path) { res in #expect(res.status == .ok) }
        }
    }

    /// The attack's finding: with the disk full every write answered a bare 500 while `/health` said ok. A write
    /// refused for lack of space (here a real SQLite "database or disk is full") answers 503 with a sentence
    /// in the reader's language and `Retry-After`, and `/health` and `/metrics` say so.
    @Test func aFullDiskAnswers503WithASentenceAndHealthSaysSo() async throws {
        let full: any Error
        let small = try await SQLiteConnection.open(storage: .memory)
        do {
            _ = try await small.query("PRAGMA max_page_count = 2")
            _ = try await small.query("CREATE TABLE t (x BLOB)")
            _ = try await small.query("INSERT INTO t VALUES (zeroblob(100000))")
            Issue.record("the insert should not fit")
            try await small.close()
            return
        } catch {
            full = error
        }
        try await small.close()
        #expect(StorageHealth.isStorageFull(full))
        try await withTestApp(seed: false) { app in
            app.get("test-full") { _ -> String in throw full }
            app.get("api", "v1", "test-full") { _ -> String in throw full }
            try await app.testing().test(.GET, SiteRoute.health.path) { res in #expect(res.status == .ok && res.body.string.contains("\"storage\":\"ok\"")) }
            try await app.testing().test(.GET, "/test-full", beforeRequest: { $0.headers.replaceOrAdd(name: .acceptLanguage, value: "nb") }) { res in
                #expect(res.status == .serviceUnavailable)
                #expect(res.headers.first(name: .retryAfter) == "60")
                #expect(res.body.string.contains("serveren er full, så ingenting ble endret"))
            }
            try await app.testing().test(.GET, "/api/v1/test-full") { res in
                #expect(res.status == .serviceUnavailable && res.body.string.contains("storage_full"))
            }
            try await app.testing().test(.GET, SiteRoute.health.path) { res in
                #expect(res.status == .serviceUnavailable && res.body.string.contains("\"storage\":\"full\""))
            }
            try await app.testing().test(.GET, SiteRoute.metrics.path) { res in
                #expect(res.body.string.contains("ivareta_storage_writable 0") && res.body.string.contains("ivareta_storage_full_failures_total 2"))
            }
            // A minute after the last failed write, with space again, it is well.
            app.environmentals.now = { pinnedNow.addingTimeInterval(StorageHealth.remembered + 1) }
            try await app.testing().test(.GET, SiteRoute.health.path) { res in #expect(res.status == .ok) }
        }
    }
}

@Suite("Case page model")
struct CasePageModelTests {
    @Test func thePersonIsNotPressedWithOverdueMarksButTheLeaderSeesThem() async throws {
        try await withTestApp { app in
            let caseID = try await app.caseID(of: "nurse")
            let nursePage = try await Browser.signedIn(app, as: "nurse").get(SiteRoute.caseDetail(caseID).path)
            let leaderPage = try await Browser.signedIn(app, as: "leader").get(SiteRoute.caseDetail(caseID).path)
            #expect(!nursePage.html.contains("Overdue"))
            #expect(leaderPage.html.contains("Overdue"))
        }
    }
}
