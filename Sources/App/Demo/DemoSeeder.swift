import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// A realistic, fictional hospital (and a small second organization, to show isolation) for trying the product.
public enum DemoSeeder {
    public static let password = "demo-password"

    public struct DemoAccount: Sendable {
        public let username: String
        public let description: String
    }

    /// Seeds only a database with no organization in it; nil when it already has data.
    public static func seedIfEmpty(_ app: Application) async throws -> [DemoAccount]? {
        guard try await Organization.query(on: app.db).count() == 0 else { return nil }
        let hash = try await app.password.async.hash(password)
        return try await app.db.transaction { db in
            try await Seeder(app: app, hash: hash, db: db).run()
        }
    }

    struct Seeder {
        let app: Application
        let hash: String
        let db: any Database

        var now: Date { app.environmentals.now() }
        func id() -> UUID { app.environmentals.uuid() }

        func run() async throws -> [DemoAccount] {
            var accounts: [DemoAccount] = []
            let org = id()
            try await Organization(id: org, name: "Fjordvik University Hospital", createdAt: now).create(on: db)
            let hospital = try await unit(org, nil, "Fjordvik University Hospital", db)
            let surgery = try await unit(org, hospital, "Surgical Division", db)
            let theatres = try await unit(org, surgery, "Operating Theatres", db)
            let ward3 = try await unit(org, surgery, "Surgical Ward 3", db)
            let medicine = try await unit(org, hospital, "Medical Division", db)
            let ward5 = try await unit(org, medicine, "Medical Ward 5", db)
            let emergency = try await unit(org, medicine, "Emergency Department", db)
            let maternity = try await unit(org, hospital, "Maternity Ward", db)
            let leaves = [theatres, ward3, ward5, emergency, maternity]

            func named(_ name: String, _ profession: Profession, _ units: [UUID]) async throws -> UUID {
                try await person(org, name, profession, units, db)
            }
            let nurse = try await named("Ingrid Solheim", .nurse, [ward3])
            let physician = try await named("Jonas Berg", .physician, [theatres])
            let leader = try await named("Marte Lunde", .nurse, [ward3])
            let leader2 = try await named("Henrik Aas", .physician, [emergency])
            let supporter = try await named("Sara Nilsen", .nurse, [ward5])
            let coordinator = try await named("Tone Vik", .nurse, [hospital])
            let quality = try await named("Erik Holm", .physician, [hospital])
            let ohs = try await named("Anne Dahl", .psychologist, [hospital])
            let admin = try await named("Per Strand", .other, [hospital])
            let director = try await named("Lise Moe", .physician, [surgery])

            let firstNames = ["Kari", "Ole", "Nora", "Lars", "Emma", "Anders", "Sofie", "Magnus", "Ida", "Sander", "Thea", "Kristian",
                              "Maja", "Eirik", "Julie", "Mathias", "Hanna", "Tobias", "Frida", "Sindre", "Amalie", "Even", "Live", "Adrian",
                              "Selma", "Martin", "Vilde", "Aksel", "Tuva", "Henrik", "Mina", "Jakob", "Oda", "Filip", "Synne", "Petter",
                              "Ane", "Halvor", "Ronja", "Didrik", "Eline", "Vegard", "Hedda", "Torstein", "Signe", "Ahmed", "Fatima", "Piotr",
                              "Agnieszka", "Linh", "Olena"]
            let lastNames = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen",
                             "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Halvorsen"]
            let professions: [Profession] = [.nurse, .nurse, .nurse, .careWorker, .physician, .careWorker, .midwife, .porter, .student, .radiographer]
            var staff: [UUID: [UUID]] = [:]
            for index in 0..<52 {
                let unitID = leaves[index % leaves.count]
                var profession = professions[index % professions.count]
                if profession == .midwife && unitID != maternity { profession = .nurse }
                let name = "\(firstNames[index % firstNames.count]) \(lastNames[(index * 7) % lastNames.count])"
                staff[unitID, default: []].append(try await named(name, profession, [unitID]))
            }

            accounts.append(try await account(org, admin, "admin", [.admin], [], "administrator: organization, units, accounts", db))
            accounts.append(try await account(org, coordinator, "coordinator", [.coordinator], [], "program coordinator: figures only", db))
            accounts.append(try await account(org, leader, "leader", [.leader], [theatres, ward3], "leads Operating Theatres and Surgical Ward 3", db))
            accounts.append(try await account(org, leader2, "leader2", [.leader], [emergency], "leads the Emergency Department; reads Danish, gets e-mail", db))
            accounts.append(try await account(org, director, "director", [.leader], [surgery], "leads the Surgical Division: hears of overdue steps below", db))
            accounts.append(try await account(org, nurse, "nurse", [], [], "nurse on Surgical Ward 3", db))
            accounts.append(try await account(org, physician, "physician", [], [], "physician in the Operating Theatres", db))
            accounts.append(try await account(org, supporter, "supporter", [.peerSupporter], [], "trained peer supporter", db))
            accounts.append(try await account(org, quality, "quality", [.qualityAdvisor], [], "quality advisor: events, never support data", db))
            accounts.append(try await account(org, ohs, "ohs", [.occupationalHealth], [], "occupational health service", db))

            for rule in [
                DefusingTriggerRule(id: id(), name: "Serious adverse event", unitID: nil, kinds: [.adverseEventHarm, .unexpectedDeath], minimumSeverity: .serious, tags: []),
                DefusingTriggerRule(id: id(), name: "Death on the operating table", unitID: surgery, kinds: [], minimumSeverity: nil, tags: [.deathOnTable]),
                DefusingTriggerRule(id: id(), name: "Organ donation with a child donor", unitID: surgery, kinds: [], minimumSeverity: nil, tags: [.childDonor]),
                DefusingTriggerRule(id: id(), name: "Trauma call", unitID: emergency, kinds: [], minimumSeverity: nil, tags: [.traumaCall]),
            ] {
                try await DefusingTriggerRuleRecord.create(rule, organizationID: org, ids: id, on: db)
            }

            // One leader who prefers Danish and asked for e-mail, so an installation with SMTP shows the channel at work.
            if let henrik = try await Person.find(leader2, on: db) {
                henrik.preferredLanguage = AppLanguage.da.rawValue
                try await henrik.save(on: db)
            }
            try await NotificationPreference(id: id(), organizationID: org, personID: leader2,
                                             preferences: ChannelPreferences(emailAddress: "henrik.aas@fjordvik.example", emailEnabled: true,
                                                                             quietHours: nil), at: now).create(on: db)

            let day: TimeInterval = 86400
            let ward3Staff = staff[ward3] ?? []
            let theatreStaff = staff[theatres] ?? []
            let ward5Staff = staff[ward5] ?? []
            // Two days ago: the acute phase is under way.
            let medication = try await event(org, unit: ward3, by: leader, kind: .adverseEventHarm, severity: .serious, at: now - 2 * day,
                            summary: "Medication given at ten times the prescribed dose during the evening round; discovered at handover, patient moved to intensive care and recovering.",
                            reference: "AVV-2026-1187", tags: [], recommendedBy: ["Serious adverse event"],
                            involved: [nurse] + ward3Staff.prefix(2),
                            progress: [.defusing: .done, .leaderSupport: .done, .peerSupport: .offered, .reporting: .done], db)
            // Six weeks ago: in watchful waiting.
            let death = try await event(org, unit: theatres, by: leader, kind: .unexpectedDeath, severity: .critical, at: now - 42 * day,
                            summary: "Patient died on the table during emergency surgery for a ruptured aortic aneurysm.",
                            reference: "AVV-2026-0954", tags: [.deathOnTable], recommendedBy: ["Death on the operating table", "Serious adverse event"],
                            involved: [physician] + theatreStaff.prefix(3),
                            progress: [.defusing: .done, .leaderSupport: .done, .peerSupport: .done, .reporting: .done,
                                       .followUpMeetings: .done, .adjustments: .notRelevant, .watchfulWaiting: .accepted], db)
            // Five months ago in another leader's part of the hospital.
            let violence = try await event(org, unit: emergency, by: leader2, kind: .violenceThreat, severity: .moderate, at: now - 150 * day,
                            summary: "A visitor threatened two staff members with a broken bottle in the waiting area; security and police came.",
                            reference: "AVV-2026-0411", tags: [.traumaCall], recommendedBy: ["Trauma call"],
                            involved: Array((staff[emergency] ?? []).prefix(2)),
                            progress: [.defusing: .done, .leaderSupport: .done, .peerSupport: .declined, .reporting: .done,
                                       .followUpMeetings: .done, .adjustments: .done, .learningReview: .done, .watchfulWaiting: .done], db)
            // A near miss on another ward, still fresh.
            try await event(org, unit: ward5, by: leader2, kind: .nearMiss, severity: .minor, at: now - 1 * day,
                            summary: "Wrong patient's blood sample label caught at the bedside check before transfusion.",
                            reference: nil, tags: [], recommendedBy: [], involved: Array(ward5Staff.prefix(1)), progress: [:], db)
            // Five and a half weeks ago, the nurse's earlier event: two check-ins answered, two ready now.
            let fall = try await event(org, unit: ward3, by: leader, kind: .adverseEventHarm, severity: .moderate, at: now - 38 * day,
                            summary: "Patient fell from bed during the night shift and broke a hip; the bed rail had been left down after a wash.",
                            reference: "AVV-2026-1012", tags: [], recommendedBy: [], involved: [nurse] + ward3Staff.suffix(1),
                            progress: [.defusing: .notRelevant, .leaderSupport: .done, .peerSupport: .declined, .reporting: .done,
                                       .followUpMeetings: .done, .adjustments: .notRelevant, .watchfulWaiting: .accepted],
                            planCheckIns: true, db)
            try await DemoCheckIns.seed(organizationID: org, person: nurse, earlierEvent: fall, currentEvent: medication, now: now, ids: id, on: db)
            // A self-referral with no event: cumulative strain.
            let selfCase = try await selfReferral(org, person: supporter, at: now - 10 * day)
            try await SupportRequestRows.insertOpen(id: id(), organizationID: org, caseID: selfCase, personID: supporter,
                                                    wishes: SupportRequests.Wishes(outsideUnit: true), at: now - 10 * day, on: db)

            try await seedAcutePhaseAndReviews(org, DemoEvents(medication: medication, death: death, violence: violence),
                                               leader: leader, leader2: leader2, quality: quality, director: director)
            try await seedPeerSupport(org, units: PeerSupportUnits(surgery: surgery, theatres: theatres, ward5: ward5, emergency: emergency,
                                                                   maternity: maternity), sara: supporter, staff: staff)

            let other = id()
            try await Organization(id: other, name: "Nordvik Municipality Home Care", timeZone: "Europe/Copenhagen", defaultLanguage: "da", createdAt: now).create(on: db)
            let homeCare = try await unit(other, nil, "Home Care North", db)
            let outsider = try await person(other, "Mette Kjær", .careWorker, [homeCare], db)
            for name in ["Lone Friis", "Bo Mortensen", "Aya Hussein", "Kasper Lund"] {
                _ = try await person(other, name, .careWorker, [homeCare], db)
            }
            accounts.append(try await account(other, outsider, "outsider", [.leader], [homeCare], "leader in another organization (shows isolation)", db))
            return accounts
        }

        func unit(_ org: UUID, _ parent: UUID?, _ name: String, _ db: any Database) async throws -> UUID {
            let unitID = id()
            try await Unit(id: unitID, organizationID: org, parentID: parent, name: name).create(on: db)
            return unitID
        }

        func person(_ org: UUID, _ name: String, _ profession: Profession, _ units: [UUID], _ db: any Database) async throws -> UUID {
            let personID = id()
            try await Person(id: personID, organizationID: org, name: name, profession: profession, preferredLanguage: nil).create(on: db)
            for unitID in units {
                try await PersonUnit(id: id(), organizationID: org, personID: personID, unitID: unitID).create(on: db)
            }
            return personID
        }

        func account(_ org: UUID, _ person: UUID, _ username: String, _ roles: Set<Role>, _ leads: [UUID], _ description: String,
                              _ db: any Database) async throws -> DemoAccount {
            let accountID = id()
            try await Account(id: accountID, organizationID: org, personID: person, username: username, passwordHash: hash)
                .create(roles: roles, ids: id, on: db)
            for unitID in leads {
                try await LeaderScope(id: id(), organizationID: org, accountID: accountID, unitID: unitID).create(on: db)
            }
            return DemoAccount(username: username, description: description)
        }

        @discardableResult
        func event(_ org: UUID, unit: UUID, by leader: UUID, kind: EventKind, severity: Severity, at occurredAt: Date, summary: String,
                   reference: String?, tags: Set<EventTag>, recommendedBy: [String], involved: [UUID], progress: [StepKey: StepStatus],
                   planCheckIns: Bool = false, _ db: any Database) async throws -> UUID {
            let eventID = id()
            try await Event(id: eventID, organizationID: org, unitID: unit, kind: kind, severity: severity, occurredAt: occurredAt, summary: summary,
                            incidentReportRef: reference, registeredBy: leader, createdAt: occurredAt + 1800)
                .create(tags: tags, defusingReasons: recommendedBy, ids: id, on: db)
            try await ImmediateChecklist(id: id(), organizationID: org, eventID: eventID, patientSafe: true, staffSafe: true, premisesSafe: true,
                                         everyoneInformed: true).create(relieved: Array(involved.prefix(1)), ids: id, on: db)
            let planned = PathwayPlanner.steps(eventAt: occurredAt, severity: severity, defusingRecommended: !recommendedBy.isEmpty,
                                               timeZone: .defaultForOrganizations)
            for personID in involved {
                let caseID = id()
                try await Case(id: caseID, organizationID: org, personID: personID, eventID: eventID, ownerID: leader, openedAt: occurredAt + 1800)
                    .create(on: db)
                let steps = try planned.map { step in
                    guard let target = progress[step.key] else { return step }
                    return try Self.walk(step, to: target, by: leader, at: min(now, (step.dueAt ?? now) - 3600))
                }
                try await PathwaySteps.create(steps, caseID: caseID, organizationID: org, remind: true, now: now, ids: id, on: db)
                // Only pathways still at their start get check-ins: older demo pathways would otherwise invite their
                // people to months of check-ins at once.
                if occurredAt > now - 3 * 86_400 || planCheckIns {
                    try await CheckIns.schedule(caseID: caseID, personID: personID, eventAt: occurredAt, schedule: .standard,
                                                timeZone: .defaultForOrganizations,
                                                in: DemoOutbox(db: db, now: now, ids: app.environmentals.uuid), organizationID: org)
                }
            }
            return eventID
        }

        /// Moves a step along allowed transitions only, the way a real pathway would have moved.
        static func walk(_ step: PathwayStep, to target: StepStatus, by person: UUID, at time: Date) throws -> PathwayStep {
            let route: [StepStatus] = switch target {
            case .pending: []
            case .offered: [.offered]
            case .accepted: [.offered, .accepted]
            case .declined: [.offered, .declined]
            case .done: [.done]
            case .notRelevant: [.notRelevant]
            }
            return try route.reduce(step) { current, next in try current.moving(to: next, by: person, at: time) }
        }
    }
}
