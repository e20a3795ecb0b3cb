import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import App

@Suite("Escalation, e-mail and notification settings")
struct NotificationTests {
    func at(_ text: String) -> Date { ISO8601.parse(text)! }

    /// A near miss on Surgical Ward 3 involving the nurse, registered by `leader` at the pinned time.
    func registerNearMiss(_ app: Application) async throws {
        try await Job.query(on: app.db).delete()
        let leader = try await APIClient.signIn(app, as: "leader")
        let body: [String: Any] = [
            "kind": "near_miss", "severity": "minor", "occurredAt": "2026-11-23T11:00:00Z",
            "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": "Caught in time at the bedside.",
            "involvedPersonIds": [try await app.personID("nurse").uuidString],
            "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
        ]
        #expect(try await leader.send(.POST, "/api/v1/events", json: body).status == .created)
    }

    func messages(_ app: Application, to username: String) async throws -> [Message] {
        try await Message.query(on: app.db).filter(\.$recipientPersonID == app.personID(username)).sort(\.$kind).all()
    }

    @Test func anOverdueStepGoesToTheOwnersOwnLeaderOnce() async throws {
        try await withTestApp { app in
            try await registerNearMiss(app)
            let worker = JobWorker(app: app)
            // Defusing was due 19:00 with an hour's grace; leader support is due at noon the next day.
            app.environmentals.now = { self.at("2026-11-23T20:30:00Z") }
            while try await worker.runOnce() > 0 {}
            let director = try await messages(app, to: "director")
            #expect(director.map(\.kind) == ["step_overdue.defusing"])
            // The owner hears that defusing is late now, not that it is due soon.
            let owner = try await messages(app, to: "leader")
            #expect(owner.allSatisfy { $0.kind.hasPrefix("step_due.") || $0.kind.hasPrefix("step_late.") })
            #expect(owner.filter { $0.kind == "step_late.defusing" }.count == 1)

            // The director may open the case the message links to, and reads it in plain words.
            let browser = try await Browser.signedIn(app, as: "director")
            let inbox = try await browser.get(SiteRoute.inbox.path)
            #expect(inbox.html.contains("Defusing conversation is overdue"))
            #expect(!inbox.html.contains("Caught in time"))
            #expect(try await browser.get(director[0].linkPath).status == .ok)

            // Leader support is done in time, so only the other overdue acute steps escalate later, each once.
            let caseID = try #require(try await Case.query(on: app.db).filter(\.$personID == app.personID("nurse"))
                .filter(\.$openedAt == pinnedNow).first()?.id)
            let ownerPage = try await Browser.signedIn(app, as: "leader")
            #expect(try await ownerPage.post(SiteRoute.caseStep(caseID, .leaderSupport).path, form: [("status", "done"), ("version", try await app.stepVersion(caseID, .leaderSupport))]).status == .seeOther)
            app.environmentals.now = { self.at("2026-11-26T12:00:00Z") }
            while try await worker.runOnce() > 0 {}
            let later = try await messages(app, to: "director").map(\.kind)
            #expect(!later.contains("step_overdue.leader_support"))
            #expect(later.filter { $0 == "step_overdue.defusing" }.count == 1)
            #expect(later.contains("step_overdue.reporting"))
        }
    }

    /// Issue 22, part 7: a late step whose owner has no leader above them (the top of the organization) reaches
    /// the program contacts a coordinator names, instead of only the log.
    @Test func aLateStepOfSomeoneAtTheTopGoesToTheProgramContacts() async throws {
        try await withTestApp { app in
            let coordinator = try await Browser.signedIn(app, as: "coordinator")
            let unknown = try await coordinator.post(SiteRoute.addProgramContact.path, form: [("username", "<b>nobody</b>")])
            #expect(unknown.status == .unprocessableEntity && !unknown.html.contains("<b>nobody</b>"))
            for typed in ["quality", " Quality "] {
                #expect(try await coordinator.post(SiteRoute.addProgramContact.path, form: [("username", typed)]).status == .seeOther)
            }
            for username in ["nurse", "leader", "quality", "admin", "outsider"] {
                let other = try await Browser.signedIn(app, as: username)
                #expect(try await other.post(SiteRoute.addProgramContact.path, form: [("username", "nurse")]).status == .forbidden, "\(username)")
            }
            let scheme = try await coordinator.get(SiteRoute.programScheme.path)
            #expect(scheme.html.contains("Program contacts") && scheme.html.components(separatedBy: "(quality)").count == 2, "named once")

            // The director leads the top unit: nobody is above them.
            let caseID = try await nurseCaseAfterAWrongLabel(app)
            try await app.db.sql().raw("UPDATE cases SET owner_id = \(bind: try await app.personID("director")) WHERE id = \(bind: caseID)").run()
            app.environmentals.now = { pinnedNow.addingTimeInterval(3 * 86_400) }
            while try await JobWorker(app: app).runOnce() > 0 {}
            let toQuality = try await messages(app, to: "quality").filter { $0.caseID == caseID && $0.kind.hasPrefix(Messages.stepOverduePrefix) }
            #expect(!toQuality.isEmpty)
            let toDirector = try await messages(app, to: "director").filter { $0.caseID == caseID }
            #expect(!toDirector.isEmpty && toDirector.allSatisfy { !$0.kind.hasPrefix(Messages.stepOverduePrefix) }, "the owner hears it is late")
            let qualityID = try await app.personID("quality")
            // Days later, signed in again.
            let later = try await Browser.signedIn(app, as: "coordinator")
            #expect(try await later.post(SiteRoute.removeProgramContact(qualityID).path, form: []).status == .seeOther)
            #expect(!(try await later.get(SiteRoute.programScheme.path).html.contains("(quality)")))
            #expect(try await later.post(SiteRoute.removeProgramContact(qualityID).path, form: []).status == .notFound)
        }
    }

    @Test func anOfferThePersonHasNotAnsweredIsNeverEscalated() async throws {
        try await withTestApp { app in
            try await registerNearMiss(app)
            let caseID = try #require(try await Case.query(on: app.db).filter(\.$personID == app.personID("nurse"))
                .filter(\.$openedAt == pinnedNow).first()?.id)
            let owner = try await Browser.signedIn(app, as: "leader")
            #expect(try await owner.post(SiteRoute.caseStep(caseID, .peerSupport).path, form: [("status", "offered"), ("version", try await app.stepVersion(caseID, .peerSupport))]).status == .seeOther)
            app.environmentals.now = { self.at("2026-11-26T12:00:00Z") }
            while try await JobWorker(app: app).runOnce() > 0 {}
            #expect(!(try await messages(app, to: "director").map(\.kind).contains("step_overdue.peer_support")))
        }
    }

    @Test func emailGoesOutOnceInTheRecipientsLanguageWithNothingSensitive() async throws {
        try await withTestApp { app in
            let outbox = RecordingEmailSender()
            app.mail = Mail(sender: outbox, publicBaseURL: "https://ivareta.fjordvik.example/")
            try await registerNearMiss(app)
            let leader = try await Browser.signedIn(app, as: "leader")
            let saved = try await leader.post(SiteRoute.notificationSettings.path, form: [("emailAddress", "marte@fjordvik.example"), ("emailEnabled", "true")])
            #expect(saved.status == .ok)
            #expect(saved.html.contains("Your notification settings are saved."))
            let person = try #require(try await Person.find(try await app.personID("leader"), on: app.db))
            person.preferredLanguage = "nb"
            try await person.save(on: app.db)

            app.environmentals.now = { self.at("2026-11-23T17:00:00Z") }
            let worker = JobWorker(app: app)
            while try await worker.runOnce() > 0 {}
            // The e-mail waits a few minutes for others to go with it.
            #expect(outbox.sent.filter { $0.to == "marte@fjordvik.example" }.isEmpty)
            app.environmentals.now = { self.at("2026-11-23T17:00:00Z").addingTimeInterval(ChannelPreferences.digestWindow) }
            while try await worker.runOnce() > 0 {}
            let sent = outbox.sent.filter { $0.to == "marte@fjordvik.example" }
            try #require(sent.count == 1)
            #expect(sent[0].subject == "Ivareta: noe venter på deg")
            #expect(sent[0].text.contains("Defusingsamtale") || sent[0].text.contains("fristen nærmer seg"))
            #expect(sent[0].text.contains("https://ivareta.fjordvik.example/cases/"))
            #expect(sent[0].html.contains("lang=\"nb\""))
            for secret in ["Caught in time", "Ingrid", "Solheim", "Surgical Ward 3", "near miss", "Marte"] {
                #expect(!sent[0].text.contains(secret) && !sent[0].html.contains(secret), "e-mail must not mention \(secret)")
            }
            let message = try #require(try await messages(app, to: "leader").first)
            #expect(message.emailedAt != nil)
            #expect(sent[0].messageID == (try message.requireID().uuidString.lowercased()))

            // Replaying the delivery (as after a crash before the job was marked done) sends nothing more.
            let job = try #require(try await Job.query(on: app.db).filter(\.$kind == JobKind.emailDelivery).first())
            try await EmailDelivery.run(.init(id: try job.requireID(), organizationID: job.organizationID, kind: job.kind.rawValue, payload: job.payload,
                                              attempt: job.attempts, dueAt: job.dueAt), context: JobContext(app: app))
            #expect(outbox.sent.filter { $0.to == "marte@fjordvik.example" }.count == 1)
        }
    }

    /// Several messages at once become one e-mail that names each, and links to the inbox; an urgent one goes
    /// alone and at once.
    @Test func severalMessagesAtOnceBecomeOneEmail() async throws {
        try await withTestApp { app in
            let outbox = RecordingEmailSender()
            app.mail = Mail(sender: outbox, publicBaseURL: "https://ivareta.example")
            let ohs = try await Browser.signedIn(app, as: "ohs")
            _ = try await ohs.post(SiteRoute.notificationSettings.path, form: [("emailAddress", "ohs@fjordvik.example"), ("emailEnabled", "true")])
            let organization = try await app.account("ohs").organizationID
            let marte = try await app.personID("ohs")
            let context = JobContext(app: app)
            for (index, kind) in ["reporting_help", "follow_up.meeting_due", "proposal_answered"].enumerated() {
                try await Messages.send(.init(kind: kind, urgency: .normal, recipient: marte, organizationID: organization,
                                              link: SiteRoute.tasks.path, key: "digest-\(index)"), context: context)
            }
            try await Messages.send(.init(kind: "support_offer", urgency: .urgent, recipient: marte, organizationID: organization,
                                          link: SiteRoute.supportRequests.path, key: "urgent"), context: context)
            let worker = JobWorker(app: app)
            while try await worker.runOnce() > 0 {}
            #expect(outbox.sent.filter { $0.to == "ohs@fjordvik.example" }.map(\.subject) == ["Ivareta: noe venter på deg"], "the urgent one, at once")
            app.environmentals.now = { pinnedNow.addingTimeInterval(ChannelPreferences.digestWindow) }
            while try await worker.runOnce() > 0 {}
            let sent = outbox.sent.filter { $0.to == "ohs@fjordvik.example" }
            try #require(sent.count == 2, "\(sent.map(\.subject))")
            #expect(sent[1].subject == "Ivareta: 3 ting venter på deg")
            #expect(sent[1].text.contains("hjelp til å melde") && sent[1].text.contains("oppfølgingsmøte") && sent[1].text.contains("Forbedringsforslaget"))
            #expect(sent[1].text.contains("https://ivareta.example/inbox") && sent[1].html.contains("<li>"))
            #expect(try await Message.query(on: app.db).filter(\.$recipientPersonID == marte).filter(\.$emailedAt == nil).count() == 0)

            // Three deliveries racing for three new messages still send one e-mail between them.
            app.environmentals.now = { pinnedNow.addingTimeInterval(3600) }
            for index in 0..<3 {
                try await Messages.send(.init(kind: "reporting_help", urgency: .normal, recipient: marte, organizationID: organization,
                                              link: SiteRoute.tasks.path, key: "race-\(index)"), context: JobContext(app: app))
            }
            app.environmentals.now = { pinnedNow.addingTimeInterval(3600 + ChannelPreferences.digestWindow) }
            let jobs = try await Job.query(on: app.db).filter(\.$kind == .emailDelivery).filter(\.$status == .queued).all()
            #expect(jobs.count == 3)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for job in jobs {
                    let claimed = JobQueue.Claimed(id: try job.requireID(), organizationID: job.organizationID, kind: job.kind.rawValue, payload: job.payload,
                                                   attempt: job.attempts, dueAt: job.dueAt)
                    group.addTask { try await EmailDelivery.run(claimed, context: JobContext(app: app)) }
                }
                try await group.waitForAll()
            }
            #expect(outbox.sent.filter { $0.to == "ohs@fjordvik.example" }.count == 3)
        }
    }

    /// Sara is on call on weekdays from 08:00 to 16:00 by the central group's rota: nobody sets it by hand.
    @Test func quietHoursHoldNormalEmailButNotUrgentOnesForSomeoneOnCall() async throws {
        try await withTestApp { app in
            let outbox = RecordingEmailSender()
            app.mail = Mail(sender: outbox, publicBaseURL: "https://ivareta.example")
            // 12:00 UTC is 13:00 in Oslo: inside quiet hours 12:30–15:00.
            let supporter = try await Browser.signedIn(app, as: "supporter")
            let saved = try await supporter.post(SiteRoute.notificationSettings.path, form: [
                ("emailAddress", "sara@fjordvik.example"), ("quietStart", "12:30"), ("quietEnd", "15:00"),
            ])
            #expect(saved.status == .ok)
            #expect(saved.html.contains("on call when your team's rota says so") && !saved.html.contains("name=\"onCall\""))
            let organization = try await app.account("supporter").organizationID
            let sara = try await app.personID("supporter")
            let context = JobContext(app: app)
            try await Messages.send(.init(kind: "test_normal", urgency: .normal, recipient: sara, organizationID: organization,
                                          link: SiteRoute.mySupport.path, key: "normal-1"), context: context)
            try await Messages.send(.init(kind: "test_urgent", urgency: .urgent, recipient: sara, organizationID: organization,
                                          link: SiteRoute.mySupport.path, key: "urgent-1"), context: context)
            let worker = JobWorker(app: app)
            while try await worker.runOnce() > 0 {}
            // E-mail is switched off, but while the rota has her on call the urgent one still goes, at once.
            #expect(outbox.sent.filter { $0.to == "sara@fjordvik.example" }.count == 1)

            // With e-mail on, the normal one waits for quiet hours to end (15:00 Oslo = 14:00 UTC).
            _ = try await supporter.post(SiteRoute.notificationSettings.path, form: [
                ("emailAddress", "sara@fjordvik.example"), ("emailEnabled", "true"), ("quietStart", "12:30"), ("quietEnd", "15:00"),
            ])
            try await Messages.send(.init(kind: "test_normal", urgency: .normal, recipient: sara, organizationID: organization,
                                          link: SiteRoute.mySupport.path, key: "normal-2"), context: JobContext(app: app))
            while try await worker.runOnce() > 0 {}
            #expect(outbox.sent.filter { $0.to == "sara@fjordvik.example" }.count == 1)
            app.environmentals.now = { self.at("2026-11-23T14:00:00Z") }
            while try await worker.runOnce() > 0 {}
            #expect(outbox.sent.filter { $0.to == "sara@fjordvik.example" }.count == 2)

            // Off the rota (18:00 in Oslo, Jonas's night) and with e-mail off again, an urgent message stays in the inbox.
            app.environmentals.now = { self.at("2026-11-23T17:00:00Z") }
            // Hours later: her session has ended meanwhile, so she signs in again to change the setting.
            let evening = try await Browser.signedIn(app, as: "supporter")
            _ = try await evening.post(SiteRoute.notificationSettings.path, form: [("emailAddress", "sara@fjordvik.example")])
            try await Messages.send(.init(kind: "test_urgent", urgency: .urgent, recipient: sara, organizationID: organization,
                                          link: SiteRoute.mySupport.path, key: "urgent-2"), context: JobContext(app: app))
            while try await worker.runOnce() > 0 {}
            #expect(outbox.sent.filter { $0.to == "sara@fjordvik.example" }.count == 2)
        }
    }

    @Test func settingsFormRejectsBadInputInTheUsersLanguageAndKeepsIt() async throws {
        try await withTestApp { app in
            let nurse = try await Browser.signedIn(app, as: "nurse")
            nurse.acceptLanguage = "da"
            let page = try await nurse.post(SiteRoute.notificationSettings.path, form: [
                ("emailAddress", "ingrid at home"), ("emailEnabled", "true"), ("quietStart", "22:00"), ("quietEnd", ""),
            ])
            #expect(page.status == .unprocessableEntity)
            #expect(page.html.contains("Det ligner ikke en e-mailadresse"))
            #expect(page.html.contains("Udfyld begge tidspunkter"))
            #expect(page.html.contains("value=\"ingrid at home\""))
            #expect(page.html.contains("value=\"22:00\""))
            #expect(!page.html.contains("name=\"onCall\"") && !page.html.contains("rota says so"), "being on call is for peer supporters")
            #expect(try await NotificationPreference.query(on: app.db).filter(\.$personID == app.personID("nurse")).count() == 0)

            let ok = try await nurse.post(SiteRoute.notificationSettings.path, form: [("emailAddress", "ingrid@example.org")])
            #expect(ok.status == .ok)
            let stored = try #require(try await NotificationPreference.query(on: app.db).filter(\.$personID == app.personID("nurse")).first())
            #expect(stored.emailEnabled == false)
            #expect(try await nurse.get(SiteRoute.notificationSettings.path).html.contains("value=\"ingrid@example.org\""))
            let audit = try await AuditEntry.query(on: app.db).filter(\.$objectType == "notification_preferences").count()
            #expect(audit >= 2)
        }
    }

    @Test func parkedJobsAreForAdministratorsOfTheirOwnOrganization() async throws {
        try await withTestApp { app in
            let organization = try await app.account("admin").organizationID
            let outsiderOrganization = try await app.account("outsider").organizationID
            let ours = UUID(), theirs = UUID()
            for (id, org) in [(ours, organization), (theirs, outsiderOrganization)] {
                let job = Job(id: id, organizationID: org, kind: JobKind.emailDelivery, payload: "{}", dueAt: pinnedNow, createdAt: pinnedNow)
                job.status = .parked
                job.attempts = 8
                job.lastError = "SMTP server answered 451 to MAIL FROM"
                job.finishedAt = pinnedNow
                try await job.create(on: app.db)
            }
            let admin = try await Browser.signedIn(app, as: "admin")
            let page = try await admin.get(SiteRoute.parkedJobs.path)
            #expect(page.status == .ok)
            #expect(page.html.contains("SMTP server answered 451"))
            #expect(page.html.components(separatedBy: "class=\"job-error\"").count == 2, "only this organization's job")
            #expect(try await Browser.signedIn(app, as: "leader").get(SiteRoute.parkedJobs.path).status == .forbidden)
            #expect(try await admin.post(SiteRoute.retryJob(theirs).path, form: []).status == .notFound)
            #expect(try await admin.post(SiteRoute.retryJob(ours).path, form: []).status == .seeOther)
            let retried = try #require(try await Job.find(ours, on: app.db))
            #expect(retried.status == .queued)
            #expect(retried.attempts == 0)
            #expect(try await admin.get(SiteRoute.parkedJobs.path).html.contains("No parked jobs"))
        }
    }
}

@Suite("Operations: metrics, health, request ids")
struct OperationsTests {
    @Test func metricsReportRequestsQueueDepthAndJobs() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, SiteRoute.login.path) { _ in }
            app.environmentals.now = { pinnedNow.addingTimeInterval(400 * 86400) }
            _ = try await JobWorker(app: app).runOnce()
            try await app.testing().test(.GET, SiteRoute.metrics.path) { res in
                #expect(res.status == .ok)
                let text = res.body.string
                #expect(text.contains("ivareta_http_requests_total{method=\"GET\",route=\"/login\",status=\"200\"} 1"))
                #expect(text.contains("ivareta_http_request_duration_seconds_bucket"))
                #expect(text.contains("ivareta_queue_depth_jobs{state=\"due\"}"))
                #expect(text.contains("ivareta_jobs_completed_total{kind=\"step_reminder\"}"))
                #expect(text.contains("ivareta_job_latency_seconds_bucket"))
            }
        }
    }

    @Test func metricsCanBeLockedWithAToken() async throws {
        try await withTestApp(seed: false) { app in
            app.settings.metricsToken = "scrape-me"
            try await app.testing().test(.GET, SiteRoute.metrics.path) { res in #expect(res.status == .unauthorized) }
            try await app.testing().test(.GET, SiteRoute.metrics.path, beforeRequest: { req in
                req.headers.bearerAuthorization = .init(token: "scrape-me")
            }) { res in #expect(res.status == .ok) }
        }
    }

    @Test func metricsNeedATokenWhenServedBeyondLoopback() async throws {
        try await withTestApp(seed: false) { app in
            app.http.server.configuration.hostname = "0.0.0.0"
            try await app.testing().test(.GET, SiteRoute.metrics.path) { res in #expect(res.status == .forbidden) }
            app.settings.metricsToken = "scrape-me"
            try await app.testing().test(.GET, SiteRoute.metrics.path, beforeRequest: { req in
                req.headers.bearerAuthorization = .init(token: "scrape-me")
            }) { res in #expect(res.status == .ok) }
            app.settings.metricsToken = nil
            app.http.server.configuration.hostname = "127.0.0.1"
            try await app.testing().test(.GET, SiteRoute.metrics.path) { res in #expect(res.status == .ok) }
        }
    }

    @Test func healthReportsWhetherAWorkerIsAlive() async throws {
        try await withTestApp(seed: false) { app in
            func worker() async throws -> String {
                var state = ""
                try await app.testing().test(.GET, SiteRoute.health.path) { res in
                    #expect(res.status == .ok)
                    state = try res.content.decode(HealthController.Report.self).worker.rawValue
                }
                return state
            }
            #expect(try await worker() == "none")
            try await WorkerHeartbeats(id: "test-worker").beat(now: pinnedNow.addingTimeInterval(-10), on: app.db)
            #expect(try await worker() == "alive")
            app.environmentals.now = { pinnedNow.addingTimeInterval(600) }
            #expect(try await worker() == "stale")
        }
    }

    @Test func everyAnswerCarriesARequestID() async throws {
        try await withTestApp(seed: false) { app in
            try await app.testing().test(.GET, SiteRoute.health.path, beforeRequest: { req in
                req.headers.replaceOrAdd(name: RequestIDMiddleware.header, value: "lb-1234.abc")
            }) { res in
                #expect(res.headers.first(name: RequestIDMiddleware.header) == "lb-1234.abc")
            }
            try await app.testing().test(.GET, "/no-such-page", beforeRequest: { req in
                req.headers.replaceOrAdd(name: RequestIDMiddleware.header, value: "bad id\r\nX-Evil: 1")
            }) { res in
                let id = res.headers.first(name: RequestIDMiddleware.header) ?? ""
                #expect(!id.isEmpty && id != "bad id\r\nX-Evil: 1")
            }
        }
    }
}

@Suite("E-mail format")
struct EmailFormatTests {
    @Test func mimeMessageIsSafeToSendOverSMTP() {
        let email = OutgoingEmail(to: "a@example.org", subject: "Ivareta: noget venter på dig", text: ".starts with a dot\nand æøå", html: "<p>hei</p>")
        let message = MIMEMessage(from: "Ivareta <noreply@example.org>", email: email, date: pinnedNow, messageID: "m1@ivareta", boundary: "b1")
        let rendered = message.rendered
        #expect(rendered.contains("Subject: =?UTF-8?B?"))
        #expect(rendered.contains("Date: Mon, 23 Nov 2026 12:00:00 +0000"))
        #expect(rendered.split(separator: "\r\n").allSatisfy { $0.count <= 998 })
        #expect(rendered.contains("Content-Type: text/html; charset=utf-8"))
        #expect(SMTPClient.dotStuffed("a\r\n.b\r\n") == "a\r\n..b\r\n")
        #expect(SMTPClient.address(in: "Ivareta <noreply@example.org>") == "noreply@example.org")
        #expect(!EmailAddress.isValid("a@b.c\r\nBcc: x@y.z"))
        #expect(!EmailAddress.isValid("no-at-sign.example"))
        #expect(EmailAddress.isValid("ingrid.solheim@fjordvik.example"))
    }
}

@Suite("Retention runs")
struct RetentionTests {
    @Test func aNightlyRunRemovesOnlyWhatIsOldAndPlansTheNextOnce() async throws {
        try await withTestApp { app in
            let ours = try await app.account("leader").organizationID
            let theirs = try await app.account("outsider").organizationID
            let leader = try await app.personID("leader")
            let outsider = try await app.personID("outsider")
            let old = pinnedNow.addingTimeInterval(-400 * 86_400)
            try await Job.query(on: app.db).delete()
            try await Message.query(on: app.db).delete()
            for (id, org, status, finished) in [(UUID(), ours, Job.Status.done, old), (UUID(), ours, .done, pinnedNow), (UUID(), ours, .parked, old),
                                                (UUID(), theirs, .done, old)] {
                let job = Job(id: id, organizationID: org, kind: JobKind.stepReminder, payload: "{}", dueAt: old, createdAt: old)
                job.status = status
                job.finishedAt = finished
                try await job.create(on: app.db)
            }
            for (key, person, org, created, read) in [("old-read", leader, ours, old, Optional(old)), ("new-read", leader, ours, pinnedNow, pinnedNow),
                                                      ("old-unread", leader, ours, old, nil), ("theirs", outsider, theirs, old, old)] {
                try await Messages.send(.init(kind: "test", urgency: .normal, recipient: person, organizationID: org, link: "/", key: key),
                                        context: JobContext(app: app).at(created))
                if let read {
                    try await Message.query(on: app.db).filter(\.$idempotencyKey == key).set(\.$readAt, to: read).update()
                }
            }

            // HR files held for a preview: an old one of ours goes; a recent one, and another organization's, stay.
            for (org, person, created, marker) in [(ours, leader, old, "old"), (ours, leader, ISO8601.parse("2026-11-24T01:30:00Z")!, "recent"), (theirs, outsider, old, "theirs")] {
                try await app.db.sql().insert(into: HRImports.staged).columns("id", "organization_id", "kind", "content", "created_by_person_id", "created_at")
                    .values(SQLBind(UUID()), SQLBind(org), SQLBind("people"), SQLBind(marker), SQLBind(person), SQLBind(created)).run()
            }
            try await WorkerHeartbeats(id: "long-gone").beat(now: old, on: app.db)
            try await WorkerHeartbeats(id: "running").beat(now: pinnedNow, on: app.db)
            try await RetentionRuns.ensurePlanned(now: pinnedNow, on: app.db)
            try await RetentionRuns.ensurePlanned(now: pinnedNow, on: app.db)
            let planned = try await Job.query(on: app.db).filter(\.$kind == JobKind.retentionRun).filter(\.$organizationID == ours).all()
            try #require(planned.count == 1, "planning twice (two instances starting) makes one run")
            // 03:00 in Oslo the next night.
            #expect(planned[0].dueAt == ISO8601.parse("2026-11-24T02:00:00Z"))

            // Only our organization's run goes ahead, to show it leaves the other organization's data alone.
            try await Job.query(on: app.db).filter(\.$kind == JobKind.retentionRun).filter(\.$organizationID == theirs).delete()
            app.environmentals.now = { ISO8601.parse("2026-11-24T02:00:05Z")! }
            while try await JobWorker(app: app).runOnce() > 0 {}
            let remainingJobs = try await Job.query(on: app.db).filter(\.$kind == JobKind.stepReminder).all()
            #expect(remainingJobs.count == 3, "the old finished job of this organization is gone; recent, parked and theirs stay")
            #expect(!remainingJobs.contains { $0.organizationID == ours && $0.status == .done && $0.finishedAt == old })
            // (The same nightly pass also reminds a supporter whose supervision is overdue; that message is new.)
            let keys = Set(try await Message.query(on: app.db).filter(\.$kind !~ "supervision_").all().map(\.idempotencyKey))
            #expect(keys == ["new-read", "theirs"])
            #expect(try await WorkerHeartbeat.query(on: app.db).all().compactMap(\.id) == ["running"])
            let held = try await app.db.sql().raw("SELECT content FROM staged_imports").all().map { try $0.decode(column: "content", as: String.self) }
            #expect(Set(held) == ["recent", "theirs"])
            let next = try await Job.query(on: app.db).filter(\.$kind == JobKind.retentionRun).filter(\.$organizationID == ours)
                .filter(\.$status == .queued).all()
            #expect(next.map(\.dueAt) == [ISO8601.parse("2026-11-25T02:00:00Z")])
        }
    }

    /// The walkthrough's finding: the director saw six identical cards naming neither the step's pathway leader
    /// nor how late, and under them "Nothing is waiting for you right now".
    @Test func anEscalationNamesTheStepWhoLeadsThePathwayAndHowLate() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let nurse = try await app.personID("nurse")
            _ = try await leader.send(.POST, "/api/v1/events", json: [
                "kind": "near_miss", "severity": "minor", "occurredAt": "2026-11-23T08:30:00Z",
                "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": "Wrong label noticed before use.",
                "involvedPersonIds": [nurse.uuidString],
                "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
            ])
            app.environmentals.now = { pinnedNow.addingTimeInterval(3 * 86_400) }
            while try await JobWorker(app: app).runOnce() > 0 {}
            let director = try await Browser.signedIn(app, as: "director")
            let tasks = try await director.get(SiteRoute.tasks.path).html
            #expect(tasks.contains("Overdue in pathways led by people you lead"))
            #expect(tasks.contains("Led by Marte Lunde"))
            #expect(tasks.firstMatch(of: /overdue<\/a>|days overdue|hours overdue/) != nil)
            #expect(!tasks.contains("Nothing is waiting for you right now"), "never contradicts the escalations above")
            // One line per pathway and step, however many messages said it.
            #expect(tasks.contains("Ingrid Solheim – "), "the cards can be told apart")
            let lines = tasks.matches(of: /Ingrid Solheim – Defusing conversation: [0-9]+ (hours|days) overdue/).count
            #expect(lines <= 1)
        }
    }

    /// The walkthrough's finding: "is due soon" stayed unread in the owner's inbox long after the step was
    /// done, while the tasks said otherwise. A step done or set aside settles its reminder.
    @Test func aStepDoneSettlesItsDueSoonReminder() async throws {
        try await withTestApp { app in
            let caseID = try await nurseCaseAfterAWrongLabel(app)
            app.environmentals.now = { pinnedNow.addingTimeInterval(30 * 3600) }
            while try await JobWorker(app: app).runOnce() > 0 {}
            let leaderID = try await app.personID("leader")
            // What the owner was told of a step: that it is due soon, or (past its grace period) late.
            let reminders = try await Message.query(on: app.db).filter(\.$recipientPersonID == leaderID).filter(\.$caseID == caseID).all()
                .filter { $0.kind.hasPrefix(Messages.stepDuePrefix) || $0.kind.hasPrefix(Messages.stepLatePrefix) }
            let reminder = try #require(reminders.first { $0.readAt == nil })
            let key = String(reminder.kind.drop { $0 != "." }.dropFirst())
            // A day later (a new sign-in): done, or set aside where it cannot be done straight away; either way it is
            // no longer "due soon".
            #expect(try await finish(app, caseID: caseID, step: key) == .ok, "\(key)")
            #expect(try await Message.find(reminder.id, on: app.db)?.readAt != nil)
        }
    }

    /// The walkthrough's finding: an overdue step's reminder still said "due soon". Once the step is past its grace
    /// period the owner is told it is late instead, and that too is settled when the step is done.
    @Test func anOverdueStepTellsTheOwnerItIsLateInsteadOfDueSoon() async throws {
        try await withTestApp { app in
            let caseID = try await nurseCaseAfterAWrongLabel(app)
            app.environmentals.now = { pinnedNow.addingTimeInterval(3 * 86_400) }
            while try await JobWorker(app: app).runOnce() > 0 {}
            let leaderID = try await app.personID("leader")
            let mine = try await Message.query(on: app.db).filter(\.$recipientPersonID == leaderID).filter(\.$caseID == caseID).all()
            let late = mine.filter { $0.kind.hasPrefix(Messages.stepLatePrefix) && $0.readAt == nil }
            #expect(!late.isEmpty)
            for message in late {
                let key = String(message.kind.dropFirst(Messages.stepLatePrefix.count))
                #expect(mine.filter { $0.kind == Messages.stepDuePrefix + key }.allSatisfy { $0.readAt != nil }, "\(key): no longer 'due soon'")
            }
            let inbox = try await Browser.signedIn(app, as: "leader").get(SiteRoute.inbox.path).html
            #expect(inbox.contains("is overdue in a pathway you are responsible for"))
            // Done (or set aside where it cannot be done now): the late message is settled too.
            let message = try #require(late.first)
            let key = String(message.kind.dropFirst(Messages.stepLatePrefix.count))
            #expect(try await finish(app, caseID: caseID, step: key) == .ok, "\(key)")
            #expect(try await Message.find(message.id, on: app.db)?.readAt != nil)
        }
    }
}

/// The leader registers a near miss at 08:30 for the nurse; the nurse's new pathway.
private func nurseCaseAfterAWrongLabel(_ app: Application) async throws -> UUID {
    let created = try await APIClient.signIn(app, as: "leader").send(.POST, "/api/v1/events", json: [
        "kind": "near_miss", "severity": "minor", "occurredAt": "2026-11-23T08:30:00Z",
        "unitId": try await app.unitID("Surgical Ward 3").uuidString, "summary": "Wrong label noticed before use.",
        "involvedPersonIds": [try await app.personID("nurse").uuidString],
        "checklist": ["patientSafe": true, "staffSafe": true, "premisesSafe": true, "everyoneInformed": true],
    ]).decode(APIModels.EventCreated.self)
    return try #require(created.cases.first?.id)
}

/// The owner, signed in anew, marks the step done, or sets it aside where it cannot be done straight away.
private func finish(_ app: Application, caseID: UUID, step key: String) async throws -> HTTPStatus {
    let owner = try await APIClient.signIn(app, as: "leader")
    let done = try await owner.send(.POST, "/api/v1/cases/\(caseID)/steps/\(key)", json: ["status": "done"]).status
    return done == .ok ? done : try await owner.send(.POST, "/api/v1/cases/\(caseID)/steps/\(key)", json: ["status": "not_relevant"]).status
}
