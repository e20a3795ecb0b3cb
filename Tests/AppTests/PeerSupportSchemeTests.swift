import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// Setting the scheme up in the browser: teams, the weekly rota and its changes, supporters' profiles and leave,
/// and a supporter's own availability. Every change shows on the coverage the coordinator relies on.
@Suite("Peer support: editing the scheme")
struct PeerSupportSchemeTests {
    func teamID(_ app: Application, named name: String) async throws -> UUID {
        try #require(try await app.db.sql().raw("SELECT id FROM support_teams WHERE name = \(bind: name)").first()).decode(column: "id", as: UUID.self)
    }

    func supporterID(_ app: Application, named name: String) async throws -> UUID {
        try #require(try await app.db.sql().raw("""
            SELECT sp.id FROM supporter_profiles sp JOIN people p ON p.id = sp.person_id WHERE p.name = \(bind: name)
            """).first()).decode(column: "id", as: UUID.self)
    }

    func gaps(_ app: Application) async throws -> [DateInterval] {
        try await APIClient.signIn(app, as: "coordinator").send(.GET, "/api/v1/rota/coverage").decode(APIModels.Coverage.self)
            .gaps.map { DateInterval(start: $0.from, end: $0.to) }
    }

    func count(_ app: Application, _ table: String) async throws -> Int {
        try await app.db.sql().raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? -1
    }

    /// A local wall-clock time in the demo organization's zone.
    func oslo(_ text: String) throws -> Date {
        try #require(LocalDateTime.parse(text, timeZone: .defaultForOrganizations))
    }

    @Test func theCoordinatorFillsNextWeeksGapWithARotaChangeAndTheGapReturnsWhenItIsRemoved() async throws {
        try await withTestApp { app in
            let coordinator = try await Browser.signedIn(app, as: "coordinator")
            let central = try await teamID(app, named: "Central resource group"), sara = try await supporterID(app, named: "Sara Nilsen")
            let before = try await gaps(app)
            #expect(before == [DateInterval(start: try oslo("2026-12-02T16:00"), end: try oslo("2026-12-03T08:00"))])

            let page = try await coordinator.get(SiteRoute.teamRota(central).path)
            #expect(page.status == .ok && page.html.contains("Jonas Mikkelsen is off"))
            let form: [(String, String)] = [("kind", "cover"), ("from", "2026-12-02T16:00"), ("to", "2026-12-03T08:00"), ("supporterId", sara.uuidString),
                                            ("_submission", "cover-1")]
            let added = try await coordinator.post(SiteRoute.addRotaChange(central).path, form: form)
            #expect(added.status == .seeOther && added.location?.hasPrefix(SiteRoute.teamRota(central).path) == true)
            #expect(try await gaps(app).isEmpty, "Sara covers the night")
            // The same form sent again (back, submit) adds nothing.
            #expect(try await coordinator.post(SiteRoute.addRotaChange(central).path, form: form).status == .seeOther)
            #expect(try await count(app, PeerSupportSchema.rotaExceptions) == 2)
            #expect(try await coordinator.get(SiteRoute.teamRota(central).path).html.contains("Sara Nilsen is on call"))

            let change = try #require(try await app.db.sql().raw("SELECT id FROM rota_exceptions WHERE change = 'cover'").first()).decode(column: "id", as: UUID.self)
            let removed = try await coordinator.post(SiteRoute.removeRotaChange(change).path, form: [])
            #expect(removed.status == .seeOther && removed.location?.hasPrefix(SiteRoute.teamRota(central).path) == true)
            #expect(try await gaps(app) == before)
            // A second tap on remove finds it gone, and says so calmly.
            let again = try await coordinator.post(SiteRoute.removeRotaChange(change).path, form: [])
            #expect(again.status == .seeOther)
        }
    }

    @Test func aWeeklyShiftIsAddedForAMemberOnlyAndBadTimesChangeNothing() async throws {
        try await withTestApp { app in
            let coordinator = try await Browser.signedIn(app, as: "coordinator")
            let local = try await teamID(app, named: "Surgical Division peer team")
            let piotr = try await supporterID(app, named: "Piotr Nowak"), sara = try await supporterID(app, named: "Sara Nilsen")
            let shifts = try await count(app, PeerSupportSchema.rotaShifts)
            for (form, sentence) in [
                ([("weekday", "3"), ("start", "25:00"), ("end", "08:00"), ("supporterId", piotr.uuidString)], "as hours and minutes"),
                ([("weekday", "8"), ("start", "22:00"), ("end", "08:00"), ("supporterId", piotr.uuidString)], "Choose a weekday"),
                ([("weekday", "x"), ("start", "22:00"), ("end", "08:00")], "Choose a weekday"),
                ([("weekday", "3"), ("start", "22:00"), ("end", "08:00"), ("supporterId", sara.uuidString)], "not in this team"),
                ([("weekday", "3"), ("start", "22:00"), ("end", "08:00"), ("supporterId", "<script>")], "Choose who it is about"),
            ] {
                let refused = try await coordinator.post(SiteRoute.addShift(local).path, form: form)
                #expect(refused.status == .unprocessableEntity, "\(form)")
                #expect(refused.html.contains(sentence) && refused.html.contains("Nothing was saved"), "\(form)")
            }
            #expect(try await count(app, PeerSupportSchema.rotaShifts) == shifts)

            let added = try await coordinator.post(SiteRoute.addShift(local).path,
                                                   form: [("weekday", "3"), ("start", "22:00"), ("end", "08:00"), ("supporterId", piotr.uuidString)])
            #expect(added.status == .seeOther)
            let page = try await coordinator.get(SiteRoute.teamRota(local).path).html
            #expect(page.contains("Wednesday 22:00–08:00: Piotr Nowak (until the next day)"))
            // Piotr's Wednesday night now covers most of next week's gap.
            #expect(try await gaps(app) == [DateInterval(start: try oslo("2026-12-02T16:00"), end: try oslo("2026-12-02T22:00"))])

            let shift = try #require(try await app.db.sql().raw("SELECT id FROM rota_shifts WHERE start_minute = 1320").first()).decode(column: "id", as: UUID.self)
            #expect(try await coordinator.post(SiteRoute.removeShift(shift).path, form: []).status == .seeOther)
            #expect(try await count(app, PeerSupportSchema.rotaShifts) == shifts)
        }
    }

    @Test func theCoordinatorCreatesTeamsAndHostileNamesAreShownAsText() async throws {
        try await withTestApp { app in
            let coordinator = try await Browser.signedIn(app, as: "coordinator")
            let hostile = "<script>alert(1)</script>\" onload=\"x"
            let created = try await coordinator.post(SiteRoute.createTeam.path, form: [("name", hostile), ("scope", "central"), ("_submission", "t-1")])
            #expect(created.status == .seeOther)
            #expect(try await coordinator.post(SiteRoute.createTeam.path, form: [("name", hostile), ("scope", "central"), ("_submission", "t-1")]).status == .seeOther)
            #expect(try await count(app, PeerSupportSchema.teams) == 3, "one team for one form")
            let scheme = try await coordinator.get(SiteRoute.programScheme.path).html
            #expect(!scheme.contains("<script>alert(1)") && scheme.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))

            let ward = try await app.unitID("Surgical Ward 3")
            let outsiderUnit = try #require(try await app.db.sql().raw("SELECT id FROM units WHERE name = 'Home Care North'").first())
                .decode(column: "id", as: UUID.self)
            for (form, sentence) in [
                ([("name", "  "), ("scope", "central")], "Give the team a name"),
                ([("name", String(repeating: "x", count: 81)), ("scope", "central")], "up to 80 characters"),
                ([("name", "Ward 3 team"), ("scope", "local")], "Choose the unit"),
                ([("name", "Ward 3 team"), ("scope", "local"), ("unitId", outsiderUnit.uuidString)], "not in the list"),
                ([("name", "Ward 3 team"), ("scope", "galaxy"), ("unitId", ward.uuidString)], "Choose the unit"),
            ] {
                let refused = try await coordinator.post(SiteRoute.createTeam.path, form: form)
                #expect(refused.status == .unprocessableEntity && refused.html.contains(sentence), "\(form)")
            }
            #expect(try await count(app, PeerSupportSchema.teams) == 3)
            let local = try await coordinator.post(SiteRoute.createTeam.path, form: [("name", "Ward 3 team"), ("scope", "local"), ("unitId", ward.uuidString)])
            #expect(local.status == .seeOther)
            #expect(try await coordinator.get(SiteRoute.programScheme.path).html.contains("Local team of Surgical Ward 3"))
        }
    }

    @Test func aCoordinatorMakesSomeoneASupporterWhoThenLandsOnTheirRequests() async throws {
        try await withTestApp { app in
            let coordinator = try await Browser.signedIn(app, as: "coordinator")
            let added = try await coordinator.post(SiteRoute.addSupporter.path, form: [("username", " quality "), ("_submission", "s-1")])
            #expect(added.status == .seeOther)
            let profilePath = try #require(added.location?.split(separator: "?").first.map(String.init))
            #expect(try await coordinator.post(SiteRoute.addSupporter.path, form: [("username", "quality"), ("_submission", "s-1")]).location == added.location,
                    "the same form twice is the same supporter")
            let again = try await coordinator.post(SiteRoute.addSupporter.path, form: [("username", "quality"), ("_submission", "s-2")])
            #expect(again.status == .unprocessableEntity && again.html.contains("a peer supporter already"))
            for username in ["nobody-here", "outsider", ""] {
                let refused = try await coordinator.post(SiteRoute.addSupporter.path, form: [("username", username)])
                #expect(refused.status == .unprocessableEntity && refused.html.contains("Nobody in your organization"), "\(username)")
            }
            #expect(try await count(app, PeerSupportSchema.profiles) == 6)
            #expect(try await Browser.signedIn(app, as: "quality").get(SiteRoute.home.path).location != nil)
            let quality = try await Browser.signedIn(app, as: "quality")
            #expect(try await quality.get(SiteRoute.supportRequests.path).html.contains("Your availability and time away"))

            // The coordinator completes the profile; a stale form is refused with the fresh state, and bad input changes nothing.
            let central = try await teamID(app, named: "Central resource group")
            let profile = [("version", "1"), ("cap", "2"), ("teams[]", central.uuidString), ("languages", "PL, en"), ("trainedOn", "2026-10-01"),
                           ("nextSupervisionAt", "2027-01-15")]
            #expect(try await coordinator.post(profilePath, form: profile).status == .seeOther)
            let saved = try #require(try await SchemeReads.profile(UUID(uuidString: String(profilePath.split(separator: "/").last ?? ""))!,
                                                                   organizationID: try await app.account("quality").organizationID, on: app.db))
            #expect(saved.cap == 2 && saved.teams == [central] && saved.languages == ["en", "pl"] && saved.version == 2)
            let stale = try await coordinator.post(profilePath, form: profile)
            #expect(stale.status == .conflict && stale.html.contains("Someone changed this meanwhile"))
            for (field, value, sentence) in [("cap", "11", "from 1 to 10"), ("cap", "two", "from 1 to 10"), ("languages", "<b>", "short codes"),
                                             ("teams[]", UUID().uuidString, "not in the list")] {
                let form = [("version", "2")] + profile.filter { $0.0 != "version" && $0.0 != field } + [(field, value)]
                let refused = try await coordinator.post(profilePath, form: form)
                #expect(refused.status == .unprocessableEntity && refused.html.contains(sentence), "\(field)=\(value)")
            }
            // Two coordinators saving the same version at once: one is saved, the other sees the fresh profile.
            let other = try await Browser.signedIn(app, as: "coordinator")
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for (browser, cap) in [(coordinator, "4"), (other, "5")] {
                    group.addTask { try await browser.post(profilePath, form: [("version", "2"), ("cap", cap)] + profile.filter { $0.0 != "version" && $0.0 != "cap" }).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted { $0.code < $1.code } == [.seeOther, .conflict])
            let unchanged = try #require(try await SchemeReads.profile(saved.id, organizationID: try await app.account("quality").organizationID, on: app.db))
            #expect(unchanged.version == 3 && [4, 5].contains(unchanged.cap))
        }
    }

    @Test func aSupporterKeepsTheirOwnCapAndLeaveAndNothingElse() async throws {
        try await withTestApp { app in
            let sara = try await Browser.signedIn(app, as: "supporter")
            let own = try await supporterID(app, named: "Sara Nilsen"), jonas = try await supporterID(app, named: "Jonas Mikkelsen")
            let page = try await sara.get(SiteRoute.myAvailability.path)
            #expect(page.status == .ok && page.html.contains("How many colleagues you can support at once") && !page.html.contains("Units served"))

            // Teams sent along by a crafted form are ignored: only the cap is hers to set.
            let saved = try await sara.post(SiteRoute.supporterProfile(own).path, form: [("version", "1"), ("cap", "2"), ("teams[]", UUID().uuidString)])
            #expect(saved.status == .seeOther && saved.location?.hasPrefix(SiteRoute.myAvailability.path) == true)
            let profile = try #require(try await SchemeReads.profile(own, organizationID: try await app.account("supporter").organizationID, on: app.db))
            #expect(profile.cap == 2 && !profile.teams.isEmpty)

            // A day away on Wednesday: her day shift becomes a gap in the coverage; taking it back closes it.
            let added = try await sara.post(SiteRoute.addLeave(own).path, form: [("from", "2026-11-25"), ("to", "2026-11-25"), ("_submission", "l-1")])
            #expect(added.status == .seeOther)
            #expect(try await gaps(app).contains(DateInterval(start: try oslo("2026-11-25T08:00"), end: try oslo("2026-11-25T16:00"))))
            #expect(try await sara.get(SiteRoute.myAvailability.path).html.contains("Away 25 Nov 2026 – 25 Nov 2026"))
            for form in [[("from", "2026-11-26"), ("to", "2026-11-25")], [("from", "2026-11-01"), ("to", "2026-11-02")], [("from", "soon")]] {
                let refused = try await sara.post(SiteRoute.addLeave(own).path, form: form)
                #expect(refused.status == .unprocessableEntity && refused.html.contains("Nothing was saved"), "\(form)")
            }
            let leave = try #require(try await app.db.sql().raw("SELECT id FROM supporter_leaves WHERE supporter_id = \(bind: own)").first())
                .decode(column: "id", as: UUID.self)
            #expect(try await sara.post(SiteRoute.removeLeave(leave).path, form: []).location?.hasPrefix(SiteRoute.myAvailability.path) == true)
            #expect(try await gaps(app).count == 1)

            // Someone else's profile and the coordinator's pages are not hers.
            #expect(try await sara.get(SiteRoute.supporterProfile(jonas).path).status == .forbidden)
            #expect(try await sara.post(SiteRoute.addLeave(jonas).path, form: [("from", "2026-11-24"), ("to", "2026-11-24")]).status == .forbidden)
            #expect(try await sara.get(SiteRoute.programScheme.path).status == .forbidden)
        }
    }

    @Test func theOrganizationChoosesHowLongAChosenSupporterHasToAnswer() async throws {
        try await withTestApp { app in
            let coordinator = try await Browser.signedIn(app, as: "coordinator")
            #expect(try await coordinator.get(SiteRoute.programScheme.path).html.contains("value=\"30\""))
            for (minutes, shown, status) in [("4", "30", HTTPStatus.unprocessableEntity), ("241", "30", .unprocessableEntity), ("soon", "30", .unprocessableEntity),
                                             ("45", "20", .conflict)] {
                let refused = try await coordinator.post(SiteRoute.setResponseTime.path, form: [("minutes", minutes), ("shown", shown)])
                #expect(refused.status == status, "\(minutes)")
            }
            #expect(try await coordinator.post(SiteRoute.setResponseTime.path, form: [("minutes", "45"), ("shown", "30")]).status == .seeOther)
            #expect(try await coordinator.get(SiteRoute.programScheme.path).html.contains("value=\"45\""))
            #expect(try await Browser.signedIn(app, as: "leader").post(SiteRoute.setResponseTime.path, form: [("minutes", "5"), ("shown", "45")]).status == .forbidden)

            // The next offer gives Sara 45 minutes, and the check of her answer is planned for then.
            let nurse = try await APIClient.signIn(app, as: "nurse")
            let created = try await nurse.send(.POST, "/api/v1/support-requests").decode(APIModels.SupportRequestCreated.self)
            let sara = try await supporterID(app, named: "Sara Nilsen")
            #expect(try await nurse.send(.POST, "/api/v1/support-requests/\(created.id)/choose", json: ["supporterId": sara.uuidString]).status == .ok)
            let respondBy = try #require(try await app.db.sql().raw("SELECT respond_by FROM support_requests WHERE id = \(bind: created.id)").first())
                .decode(column: "respond_by", as: Date.self)
            #expect(respondBy == pinnedNow.addingTimeInterval(45 * 60))
            let due = try #require(try await Job.query(on: app.db).filter(\.$kind == .supportResponseDue).first()).dueAt
            #expect(due == respondBy)
        }
    }

    @Test func leavingATeamTakesTheSupportersShiftsAndRotaChangesThereWithThem() async throws {
        try await withTestApp { app in
            let coordinator = try await Browser.signedIn(app, as: "coordinator")
            let central = try await teamID(app, named: "Central resource group"), sara = try await supporterID(app, named: "Sara Nilsen")
            #expect(try await coordinator.post(SiteRoute.addRotaChange(central).path, form: [
                ("kind", "cover"), ("from", "2026-12-02T16:00"), ("to", "2026-12-03T08:00"), ("supporterId", sara.uuidString)]).status == .seeOther)
            #expect(try await gaps(app).isEmpty)
            // Sara leaves the central group (and, sent twice, the same team id is still one team).
            let left = try await coordinator.post(SiteRoute.supporterProfile(sara).path, form: [("version", "1"), ("cap", "3"), ("languages", "nb")])
            #expect(left.status == .seeOther)
            let rows = try await app.db.sql().raw("""
                SELECT (SELECT COUNT(*) FROM rota_shifts WHERE supporter_id = \(bind: sara)) + (SELECT COUNT(*) FROM rota_exceptions WHERE supporter_id = \(bind: sara)) AS n
                """).first()?.decode(column: "n", as: Int.self)
            #expect(rows == 0)
            #expect(try await gaps(app).count > 1, "her days and her cover are gaps now")
            let back = try await coordinator.post(SiteRoute.supporterProfile(sara).path,
                                                  form: [("version", "2"), ("cap", "3"), ("teams[]", central.uuidString), ("teams[]", central.uuidString.lowercased())])
            #expect(back.status == .seeOther)
        }
    }

    @Test func anUnreadableDateIsRefusedAndKeepsTheStoredOne() async throws {
        try await withTestApp { app in
            let coordinator = try await Browser.signedIn(app, as: "coordinator")
            let kristin = try await supporterID(app, named: "Kristin Bakke")
            let org = try await app.account("coordinator").organizationID
            let before = try #require(try await SchemeReads.profile(kristin, organizationID: org, on: app.db))
            for value in ["2024-02-30", "01.02.2024", "<script>", "2027-13-01"] {
                let refused = try await coordinator.post(SiteRoute.supporterProfile(kristin).path,
                                                         form: [("version", "\(before.version)"), ("cap", "3"), ("trainedOn", value), ("nextSupervisionAt", "")])
                #expect(refused.status == .unprocessableEntity && refused.html.contains("year-month-day"), "\(value)")
            }
            let after = try #require(try await SchemeReads.profile(kristin, organizationID: org, on: app.db))
            #expect(after.trainedOn == before.trainedOn && after.version == before.version)
            // Left empty, a date is cleared.
            #expect(try await coordinator.post(SiteRoute.supporterProfile(kristin).path,
                                               form: [("version", "\(before.version)"), ("cap", "3"), ("trainedOn", ""), ("nextSupervisionAt", "")]).status == .seeOther)
            #expect(try #require(try await SchemeReads.profile(kristin, organizationID: org, on: app.db)).trainedOn == nil)
        }
    }

    @Test func removingTheSameLeaveTwiceAtOnceRecordsOneRemoval() async throws {
        try await withTestApp { app in
            let leave = try #require(try await app.db.sql().raw("SELECT id FROM supporter_leaves LIMIT 1").first()).decode(column: "id", as: UUID.self)
            let first = try await Browser.signedIn(app, as: "coordinator"), second = try await Browser.signedIn(app, as: "coordinator")
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for browser in [first, second] { group.addTask { try await browser.post(SiteRoute.removeLeave(leave).path, form: []).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == [.seeOther, .seeOther])
            let entries = try await AuditEntry.query(on: app.db).filter(\.$objectID == leave).filter(\.$action == "delete").count()
            #expect(entries == 1)
        }
    }

    @Test func onlyCoordinatorsOfTheOrganizationEditTheScheme() async throws {
        try await withTestApp { app in
            let central = try await teamID(app, named: "Central resource group"), jonas = try await supporterID(app, named: "Jonas Mikkelsen")
            let shift = try #require(try await app.db.sql().raw("SELECT id FROM rota_shifts LIMIT 1").first()).decode(column: "id", as: UUID.self)
            let leave = try #require(try await app.db.sql().raw("SELECT id FROM supporter_leaves LIMIT 1").first()).decode(column: "id", as: UUID.self)
            let shifts = try await count(app, PeerSupportSchema.rotaShifts)
            let reads = [SiteRoute.programScheme, .teamRota(central), .supporterProfile(jonas)]
            let writes: [(SiteRoute, [(String, String)])] = [
                (.createTeam, [("name", "Mine"), ("scope", "central")]), (.addSupporter, [("username", "nurse")]),
                (.setResponseTime, [("minutes", "5"), ("shown", "30")]),
                (.addShift(central), [("weekday", "1"), ("start", "08:00"), ("end", "09:00"), ("supporterId", jonas.uuidString)]),
                (.addRotaChange(central), [("kind", "closed"), ("from", "2026-12-24T00:00"), ("to", "2026-12-25T00:00")]),
                (.removeShift(shift), []), (.supporterProfile(jonas), [("version", "1"), ("cap", "9")]), (.removeLeave(leave), []),
            ]
            for username in ["nurse", "leader", "director", "supporter", "quality", "ohs", "admin", "outsider"] {
                let browser = try await Browser.signedIn(app, as: username)
                // A profile of another organization does not exist for its people; everything else is the coordinators'.
                func expected(_ route: SiteRoute) -> HTTPStatus { username == "outsider" && route == .supporterProfile(jonas) ? .notFound : .forbidden }
                for route in reads {
                    #expect(try await browser.get(route.path).status == expected(route), "\(username) \(route.path)")
                }
                for (route, form) in writes {
                    #expect(try await browser.post(route.path, form: form).status == expected(route), "\(username) POST \(route.path)")
                }
            }
            #expect(try await count(app, PeerSupportSchema.teams) == 2)
            #expect(try await count(app, PeerSupportSchema.rotaShifts) == shifts)
            #expect(try await count(app, PeerSupportSchema.leaves) == 1)

            // Another organization's team is not found for our coordinator, as if it did not exist.
            let other = try await app.account("outsider").organizationID
            let theirs = UUID()
            try await app.db.sql().raw("""
                INSERT INTO support_teams (id, organization_id, name, scope) VALUES (\(bind: theirs), \(bind: other), 'Theirs', 'central')
                """).run()
            let coordinator = try await Browser.signedIn(app, as: "coordinator")
            #expect(try await coordinator.get(SiteRoute.teamRota(theirs).path).status == .notFound)
            #expect(try await coordinator.post(SiteRoute.addRotaChange(theirs).path,
                                               form: [("kind", "closed"), ("from", "2026-12-24T00:00"), ("to", "2026-12-25T00:00")]).status == .notFound)
        }
    }
}

/// The same-event rule as the app applies it: whoever was involved in the person's event is never suggested
/// and cannot be chosen, also when they are a trained supporter.
@Suite("Peer support: the same event")
struct SameEventTests {
    @Test func aSupporterInvolvedInTheSameEventIsNeverSuggestedNorChosen() async throws {
        try await withTestApp { app in
            let caseID = try await app.caseID(of: "nurse")
            let eventID = try #require(try await Case.find(caseID, on: app.db)?.eventID)
            let org = try await app.account("nurse").organizationID
            let saraPerson = try await app.personID("supporter")
            // Sara was there too: she has her own pathway after the same event.
            try await Case(id: UUID(), organizationID: org, personID: saraPerson, eventID: eventID, ownerID: nil, openedAt: pinnedNow).create(on: app.db)
            let sara = try #require(try await app.db.sql().raw("SELECT id FROM supporter_profiles WHERE person_id = \(bind: saraPerson)").first())
                .decode(column: "id", as: UUID.self)

            let nurse = try await APIClient.signIn(app, as: "nurse")
            let created = try await nurse.send(.POST, "/api/v1/support-requests", json: ["caseId": caseID.uuidString])
                .decode(APIModels.SupportRequestCreated.self)
            #expect(!created.suggestions.map(\.supporterId).contains(sara))
            let refused = try await nurse.send(.POST, "/api/v1/support-requests/\(created.id)/choose", json: ["supporterId": sara.uuidString])
            #expect(refused.status == .conflict && refused.errorCode == "same_event")
            // Her own request after something else is another matter: the rule is about this event only.
            let own = try await nurse.send(.POST, "/api/v1/support-requests").decode(APIModels.SupportRequestCreated.self)
            #expect(own.suggestions.map(\.supporterId).contains(sara))
        }
    }
}
