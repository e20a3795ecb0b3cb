import Foundation
@preconcurrency import Plot
import Testing
@testable import App

/// The main pages rendered from fixed models and compared with committed HTML, so a change to markup is
/// reviewed like code. Set `IVARETA_RECORD_SNAPSHOTS=1` to write the files anew after an intended change.
@Suite("Page snapshots")
struct PageSnapshotTests {
    static let caseID = UUID(uuidString: "11111111-2222-3333-4444-555555555555")!
    static let eventID = UUID(uuidString: "66666666-7777-8888-9999-000000000000")!
    static let requestID = UUID(uuidString: "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE")!

    static func chrome(_ title: String) -> PageChrome {
        PageChrome(
            title: title, language: "en", csrf: "CSRF", signedInAs: "Marte Lunde",
            navigation: [.init(label: "My support", route: .mySupport, isCurrent: false), .init(label: "My tasks", route: .tasks, isCurrent: true)],
            supportShortcut: "I would like support", inbox: ("Messages: 2 unread", 2), logOutLabel: "Log out",
            logOutEverywhereLabel: "Log out on all devices", skipLabel: "Skip to content", productName: "Ivareta", flash: nil,
            languageChoices: [("en", "English", true), ("nb", "Norsk bokmål", false)], languageLabel: "Language", languageSave: "Change")
    }

    @Test func tasks() throws {
        let model = TasksPageModel(
            heading: "My tasks", intro: "One card for each person whose pathway you lead.", empty: "Nothing waiting.",
            groups: [
                .init(personName: "Ingrid Solheim", context: "Adverse event with harm · Surgical Ward 3 · 21 Nov 2026, 12:00", isOwnRequest: false,
                      steps: [.init(title: "Defusing conversation", dueText: "Due 23 Nov 2026, 19:00", overdueLabel: "Overdue"),
                              .init(title: "Peer support", dueText: "Due 24 Nov 2026, 12:00", overdueLabel: nil)],
                      more: "and 4 more steps", route: .caseDetail(Self.caseID), overdue: true),
                .init(personName: "Jonas Berg", context: "Asked for support themself", isOwnRequest: true,
                      steps: [.init(title: "Clear leader support", dueText: "Due 24 Nov 2026, 12:00", overdueLabel: nil)],
                      more: nil, route: .caseDetail(Self.eventID), overdue: false),
            ],
            escalationsHeading: "Overdue in pathways led by people you lead",
            escalations: [.init(text: "Defusing conversation is overdue in a pathway led by someone you lead.", about: "About: Near miss, 22 Nov 2026",
                                link: SiteRoute.caseDetail(Self.caseID).path)],
            registerEvent: "Register an event",
            pagination: PaginationModel(previous: nil, next: ("Next", SiteRoute.tasks.path(PageQuery(page: 2)))))
        try Self.expectSnapshot("tasks", PageLayout.render(Self.chrome(model.heading), main: TasksPageView(model: model).main))
    }

    @Test func supportRequestWhileThePersonChooses() throws {
        let model = SupportRequestPageModel(
            heading: "Your request for peer support", status: "Nobody has been asked yet. Choose one of these trained colleagues, or let us choose for you.",
            details: ["Not about one particular event", "You asked for: someone from another unit"],
            choices: [.init(supporterID: "S1", name: "Sara Nilsen", reasons: ["On call now", "Same profession as you"], button: "Choose Sara Nilsen")],
            chooseHeading: "Who would you like to talk to?", anyone: "Anyone is fine – choose for me", nobody: nil,
            decline: "Not now, thank you", reopen: nil, version: "1", answer: nil,
            handoverForm: nil, handoverPending: nil, handoverQuestion: nil, contactsHeading: nil, contacts: [], logForm: nil,
            pathway: ("See your whole support pathway", .caseDetail(Self.caseID)), requestID: Self.requestID, csrf: "CSRF")
        try Self.expectSnapshot("support-request-choosing", PageLayout.render(Self.chrome(model.heading), main: SupportRequestPageView(model: model).main))
    }

    @Test func supportRequestOfferedToTheSupporter() throws {
        let model = SupportRequestPageModel(
            heading: "A colleague asks for peer support", status: "You have been chosen as peer supporter. Please answer by 1 Dec 2026 at 15:52.",
            details: ["From Ingrid Solheim", "After: Adverse event, 23 Nov 2026"], choices: [], chooseHeading: nil, anyone: nil, nobody: nil,
            decline: nil, reopen: nil, version: "2",
            answer: .init(accept: "Yes, I will take this on", pass: "I cannot take this – pass it on",
                          passHint: "If you cannot, say so now: it goes to the next supporter at once.", version: "2"),
            handoverForm: nil, handoverPending: nil, handoverQuestion: nil, contactsHeading: nil, contacts: [], logForm: nil, pathway: nil,
            requestID: Self.requestID, csrf: "CSRF")
        try Self.expectSnapshot("support-request-offered", PageLayout.render(Self.chrome(model.heading), main: SupportRequestPageView(model: model).main))
    }

    @Test func supportRequestTakenOnWithItsContactLog() throws {
        let model = SupportRequestPageModel(
            heading: "A colleague asks for peer support", status: "You said yes on 1 Dec 2026. Get in touch with your colleague.",
            details: ["From Ingrid Solheim", "Not about one particular event"], choices: [], chooseHeading: nil, anyone: nil, nobody: nil,
            decline: nil, reopen: nil, version: "3", answer: nil,
            handoverForm: .init(heading: "Hand over to a colleague", hint: "Your colleague decides.", label: "Colleague",
                                colleagues: [("P1", "Piotr Nowak")], submit: "Propose the hand-over"),
            handoverPending: nil, handoverQuestion: nil, contactsHeading: "Contacts", contacts: ["1 Dec 2026 at 14:00 · Phone · 20 min · next: 8 Dec 2026 at 14:00"],
            logForm: .init(heading: "Log a contact", privacy: "Only that you were in touch is recorded.", dateLabel: "When",
                           dateValue: "2026-12-01T15:00", channelLabel: "How", channels: [("phone", "Phone"), ("video", "Video")],
                           durationLabel: "Minutes", nextLabel: "Next contact agreed (optional)", submit: "Log the contact", submissionKey: "KEY"),
            pathway: nil, requestID: Self.requestID, csrf: "CSRF")
        try Self.expectSnapshot("support-request-taken-on", PageLayout.render(Self.chrome(model.heading), main: SupportRequestPageView(model: model).main))
    }

    @Test func mySupport() throws {
        let model = MySupportPageModel(
            heading: "My support", intro: "What is planned for you.", askHeading: "Need someone to talk to?", askText: "Ask at any time.",
            askButton: "I would like support", casesHeading: "Your pathways", empty: "Nothing yet.",
            cases: [.init(title: "After what happened on 23 Nov 2026", statusLabel: "Open",
                          nextSteps: ["A colleague to talk to"], route: .caseDetail(Self.caseID),
                          request: ("Your request for peer support", .supportRequest(Self.requestID)))],
            crisisText: "In an emergency, call 113.")
        try Self.expectSnapshot("my-support", PageLayout.render(Self.chrome(model.heading), main: MySupportPageView(model: model).main))
    }

    @Test func eventDetail() throws {
        let model = EventDetailPageModel(
            heading: "Unexpected death", facts: [("Severity", "Critical"), ("When", "23 Nov 2026, 11:15"), ("Unit", "Operating Theatres")],
            summary: "Patient died during surgery.", defusing: "A defusing conversation is recommended: Death on the operating table.",
            checklistHeading: "Right after", checklist: [("Is the patient safe?", "Yes"), ("Relieved from duty", "1")],
            peopleHeading: "Involved",
            people: [.init(name: "Ingrid Solheim", caseRoute: .caseDetail(Self.caseID),
                           steps: [("Defusing conversation", "Not yet", "status-pending", true)])],
            openCaseLabel: "Open pathway", overdueLabel: "Overdue",
            defusingSection: .init(heading: "Defusing conversation", tookPart: nil, waiting: "Not yet: Ingrid Solheim",
                                   hold: ("Hold the defusing conversation", .defusing(Self.eventID))))
        try Self.expectSnapshot("event-detail", PageLayout.render(Self.chrome(model.heading), main: EventDetailPageView(model: model).main))
    }

    @Test func caseDetail() throws {
        let step = StepCardModel(
            key: "peer_support", title: "A colleague to talk to", description: "Someone trained to listen.", statusLabel: "Offered",
            statusClass: "status-offered", dueText: "By 24 Nov 2026", overdueLabel: nil, recommendation: nil, doneText: nil,
            actions: [.init(label: "Yes, please", status: "accepted", isPrimary: true), .init(label: "Not now, thank you", status: "declined", isPrimary: false)],
            actionRoute: .caseStep(Self.caseID, .peerSupport), version: 3)
        let model = CaseDetailPageModel(
            heading: "Your support pathway", subtitle: "After what happened on 23 November", statusLabel: "Open",
            eventLink: nil, phases: [.init(title: "The first days", steps: [step])], onBehalfForm: nil, closeForm: nil, reopenForm: nil,
            caseVersion: 2, csrf: "CSRF")
        try Self.expectSnapshot("case-detail", PageLayout.render(Self.chrome(model.heading), main: CaseDetailPageView(model: model).main))
    }

    @Test func inbox() throws {
        let model = InboxPageModel(
            heading: "Messages", empty: "No messages.",
            items: [
                .init(text: "A colleague has chosen you as peer supporter and is waiting for your answer. Open the request to say yes.",
                      about: "About: Near miss, 23 Nov 2026", when: "1 Dec 2026, 15:52", linkLabel: "Open",
                      link: SiteRoute.supportRequest(Self.requestID).path, unread: true, markRead: .markRead(Self.caseID)),
                .init(text: "Nobody in the peer-support rota is on call for a stretch in the coming week.", about: nil, when: "30 Nov 2026, 02:00",
                      linkLabel: "Open", link: SiteRoute.program.path, unread: false, markRead: nil),
            ],
            markReadLabel: "Mark as read", markAllRead: "Mark all as read", unreadLabel: "New", settingsLabel: "Notification settings",
            csrf: "CSRF")
        try Self.expectSnapshot("inbox", PageLayout.render(Self.chrome(model.heading), main: InboxPageView(model: model).main))
    }

    @Test func teamRota() throws {
        let model = TeamRotaPageModel(
            heading: "Central resource group", subtitle: "Central resource group, for everyone", back: ("Back to teams and supporters", .programScheme),
            membersHeading: "Members", members: ["Jonas Mikkelsen", "Sara Nilsen"], membersEmpty: "Nobody is in this team yet.",
            shiftsHeading: "Every week",
            shifts: [.init(text: "Monday 08:00–16:00: Sara Nilsen", remove: .removeShift(Self.caseID)),
                     .init(text: "Monday 16:00–08:00: Jonas Mikkelsen (until the next day)", remove: .removeShift(Self.eventID))],
            shiftsEmpty: "No weekly shifts yet.", changesHeading: "Changes to come",
            changes: [.init(text: "9 Dec 2026 16:00 – 10 Dec 2026 08:00: Jonas Mikkelsen is off", remove: .removeRotaChange(Self.requestID))],
            changesEmpty: "No changes planned.", removeLabel: "Remove",
            addShift: .init(heading: "Add a weekly shift", weekdayLabel: "Weekday", weekdays: [.init(value: "1", label: "Monday")], startLabel: "From",
                            endLabel: "Until", endHint: "An end earlier than the start runs into the next day.", supporterLabel: "Who",
                            supporters: [.init(value: "S1", label: "Sara Nilsen")], button: "Add the shift", submissionKey: "K1"),
            addChange: .init(heading: "Add a change", kindLabel: "What changes", kinds: [.init(value: "off", label: "Someone is off")], fromLabel: "From",
                             toLabel: "Until", supporterLabel: "Who", supporterHint: "Leave it as nobody when the team is closed.",
                             supporters: [.init(value: "", label: "Nobody")], button: "Add the change", submissionKey: "K2"),
            teamID: Self.caseID, csrf: "CSRF")
        try Self.expectSnapshot("team-rota", PageLayout.render(Self.chrome(model.heading), main: TeamRotaPageView(model: model).main))
    }

    @Test func referralsToOccupationalHealth() throws {
        let model = ReferralsPageModel(
            heading: "Referrals to occupational health", intro: "Each referral shows only what the person chose to share with you.",
            empty: "No referrals.",
            entries: [
                .init(id: Self.caseID, heading: "Ingrid Solheim · Fjordvik occupational health service", madeText: "Asked for by the person, 2 Dec 2026",
                      contactedText: nil, sharedHeading: "Check-ins shared with you",
                      shared: [.init(title: "Check-in from 1 Nov 2026",
                                     answers: [("All in all, how are you doing right now?", "5 of 10"), ("Trouble sleeping", "A lot")])],
                      nothingShared: nil),
                .init(id: Self.caseID, heading: "Jonas Berg · Fjordvik occupational health service", madeText: "Asked for by their leader, 1 Dec 2026",
                      contactedText: "Contacted on 2 Dec 2026 by Kari Lund", sharedHeading: "Check-ins shared with you", shared: [], nothingShared: "Nothing was shared."),
            ],
            pagination: PaginationModel(previous: nil, next: ("Next", SiteRoute.referrals.path(PageQuery(page: 2)))),
            markContacted: "We have been in touch", csrf: "CSRF")
        try Self.expectSnapshot("referrals", PageLayout.render(Self.chrome(model.heading), main: ReferralsPageView(model: model).main))
    }

    @Test func login() throws {
        let model = LoginPageModel(heading: "Log in", intro: "Look after each other.", usernameLabel: "Username", passwordLabel: "Password",
                                   submit: "Log in", username: "\"leader\"", error: "That did not match.", next: "/tasks", csrf: "CSRF",
                                   helpHeading: "Cannot sign in?", crisisText: "These numbers answer day and night:",
                                   crisisNumbers: [(nil, [("In acute danger:", "113"), ("Urgent help:", "116 117")])], passwordHelp: "Ask your leader.")
        let chrome = PageChrome(
            title: "Log in", language: "en", csrf: "CSRF", signedInAs: nil, navigation: [], supportShortcut: nil, inbox: nil, logOutLabel: "",
            logOutEverywhereLabel: "", skipLabel: "Skip to content", productName: "Ivareta", flash: nil,
            languageChoices: [("en", "English", true)], languageLabel: "Language", languageSave: "Change")
        try Self.expectSnapshot("login", PageLayout.render(chrome, main: LoginPageView(model: model).main))
    }

    @Test func importPreview() throws {
        let model = ImportPreviewPageModel(
            heading: "What people.csv would change", counts: ["1 new", "1 changed", "1 moved", "1 deactivated", "0 back again", "14 unchanged"],
            sections: [
                .init(heading: "New", lines: ["Hanna Moe (2009)"], more: nil),
                .init(heading: "Moved to other units (their open pathways follow the new leader)",
                      lines: ["Tor Ødegård (2004): Akuttmottak (MED-AKUTT) → Sengepost 3, medisin (MED-SENG)"], more: nil),
                .init(heading: "No longer in the file: deactivated, not deleted", lines: ["<b>Marte</b> Vik (2001)"], more: "…and 3 more."),
            ],
            notice: "Units or people changed after you checked the file, so nothing was applied.", nothing: nil,
            apply: (SiteRoute.applyImport(Self.caseID), "abc123", "Apply these changes"), back: "Import from HR", csrf: "CSRF")
        try Self.expectSnapshot("import-preview", PageLayout.render(Self.chrome(model.heading), main: ImportPreviewPageView(model: model).main))
    }

    @Test func personAdmin() throws {
        let model = PersonAdminPageModel(
            heading: "Ingrid Solheim", back: "Back to people", facts: ["Signs in as nurse", "Employee number 2001", "Surgical Ward 3"], notice: nil,
            access: .init(heading: "Roles and leader scope", rolesLegend: "Roles",
                          roles: [("leader", "Leader", true), ("coordinator", "Coordinator", false)], scopeLabel: "Leads these units",
                          scopeHint: "Hold Ctrl to choose several.", units: [FormField.Option(value: "u1", label: "Surgical Ward 3", selected: true)],
                          hrScopes: "From HR: Medical Division", save: "Save roles and scope", route: .saveAccess(Self.caseID), version: "v1", editable: true),
            invite: nil, ownAccess: nil,
            state: .init(text: "Active: can sign in.", button: "Deactivate", route: .setActive(Self.caseID), value: "false", version: "v1"), csrf: "CSRF")
        try Self.expectSnapshot("person-admin", PageLayout.render(Self.chrome(model.heading), main: PersonAdminPageView(model: model).main))
    }

    static func expectSnapshot(_ name: String, _ html: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
        let file = directory.appendingPathComponent("\(name).html")
        // Pages are one line; a line break after each tag makes the committed files readable and their diffs small.
        let readable = html.replacingOccurrences(of: "><", with: ">\n<") + "\n"
        let record = ProcessInfo.processInfo.environment["IVARETA_RECORD_SNAPSHOTS"] == "1"
        guard !record, let stored = try? String(contentsOf: file, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try readable.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("Recorded the snapshot \(name).html; look at it, commit it, and run the tests again.", sourceLocation: sourceLocation)
            return
        }
        #expect(stored == readable, "\(name).html differs from the page as rendered now", sourceLocation: sourceLocation)
    }
}
