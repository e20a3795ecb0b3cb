import Domain
import Fluent
import Foundation
import Vapor

/// Registering an event: the same rules for the form and the API.
enum EventRegistration {
    struct Input {
        var kind: String?
        var severity: String?
        var occurredAt: Date?
        var unitID: UUID?
        var summary: String
        var incidentReportRef: String?
        var tags: [String]
        var defusingAsked: Bool
        var involvedPersonIDs: [UUID]
        var patientSafe: Bool?
        var staffSafe: Bool?
        var premisesSafe: Bool?
        var everyoneInformed: Bool?
        var relievedPersonIDs: [UUID]
        /// The leader confirmed a date further back than `EventRules.confirmOlderThan`.
        var oldDateConfirmed: Bool = false
    }

    /// A problem with one field; `code` names the text shown for it.
    struct Problem: Equatable {
        let field: String
        let code: String
    }

    struct Registered: Sendable {
        let eventID: UUID
        let cases: [(caseID: UUID, personID: UUID)]
        let defusingRecommendedBy: [String]
    }

    struct Validated {
        let kind: EventKind
        let severity: Severity
        let occurredAt: Date
        let unitID: UUID
        let tags: Set<EventTag>
        let involved: [UUID]
    }

    static func validate(_ input: Input, by user: CurrentUser, now: Date, on db: any Database) async throws -> Result<Validated, ProblemList> {
        var problems: [Problem] = []
        let kind = input.kind.flatMap(EventKind.init(rawValue:))
        if kind == nil { problems.append(Problem(field: "kind", code: input.kind == nil ? "missing" : "unknown_value")) }
        let severity = input.severity.flatMap(Severity.init(rawValue:))
        if severity == nil { problems.append(Problem(field: "severity", code: input.severity == nil ? "missing" : "unknown_value")) }
        if let occurredAt = input.occurredAt {
            if let problem = EventRules.check(occurredAt: occurredAt, now: now, oldDateConfirmed: input.oldDateConfirmed) {
                problems.append(Problem(field: "occurredAt", code: problem.rawValue))
            }
        } else {
            problems.append(Problem(field: "occurredAt", code: "missing"))
        }
        let summary = input.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        if summary.isEmpty { problems.append(Problem(field: "summary", code: "missing")) }
        // Counted as the API document counts (JSON Schema's maxLength counts code points).
        if summary.unicodeScalars.count > EventRules.summaryLimit { problems.append(Problem(field: "summary", code: "too_long")) }
        if !TextRules.isAcceptable(summary, multiline: true) { problems.append(Problem(field: "summary", code: "control_characters")) }
        if let reference = input.incidentReportRef {
            if reference.unicodeScalars.count > EventRules.referenceLimit { problems.append(Problem(field: "incidentReportRef", code: "too_long")) }
            if !TextRules.isAcceptable(reference, multiline: false) { problems.append(Problem(field: "incidentReportRef", code: "control_characters")) }
        }
        let tags = input.tags.compactMap(EventTag.init(rawValue:))
        if tags.count != input.tags.count { problems.append(Problem(field: "tags", code: "unknown_value")) }
        for (field, answer) in [("patientSafe", input.patientSafe), ("staffSafe", input.staffSafe), ("premisesSafe", input.premisesSafe),
                                ("everyoneInformed", input.everyoneInformed)] where answer == nil {
            problems.append(Problem(field: field, code: "missing"))
        }

        if let unitID = input.unitID {
            let unit = try await Unit.query(on: db).filter(\.$id == unitID).filter(\.$organizationID == user.organizationID).first()
            if unit == nil {
                problems.append(Problem(field: "unitId", code: "unknown_id"))
            } else if AccessPolicy.mayRegisterEvent(user.actor, in: EventSubject(organizationID: user.organizationID, unitID: unitID)) != .allowed {
                problems.append(Problem(field: "unitId", code: "out_of_scope"))
            }
        } else {
            problems.append(Problem(field: "unitId", code: "missing"))
        }

        // Each person once, in the order given: naming someone twice must not open two pathways for them.
        var named: Set<UUID> = []
        let involved = input.involvedPersonIDs.filter { named.insert($0).inserted }
        if involved.isEmpty {
            problems.append(Problem(field: "involvedPersonIds", code: "missing"))
        } else {
            let units = try await PeopleDirectory.units(of: involved, organizationID: user.organizationID, on: db)
            for id in involved {
                guard let personUnits = units[id] else {
                    problems.append(Problem(field: "involvedPersonIds", code: "unknown_id"))
                    break
                }
                if AccessPolicy.mayInvolve(user.actor, PersonSubject(organizationID: user.organizationID, personID: id, units: personUnits)) != .allowed {
                    problems.append(Problem(field: "involvedPersonIds", code: "out_of_scope"))
                    break
                }
            }
        }
        if !Set(input.relievedPersonIDs).isSubset(of: Set(involved)) {
            problems.append(Problem(field: "relievedPersonIds", code: "not_involved"))
        }

        guard problems.isEmpty, let kind, let severity, let occurredAt = input.occurredAt, let unitID = input.unitID else {
            return .failure(ProblemList(problems: problems))
        }
        return .success(Validated(kind: kind, severity: severity, occurredAt: occurredAt, unitID: unitID, tags: Set(tags), involved: involved))
    }

    struct ProblemList: Error {
        let problems: [Problem]
    }

    static let checklistStaffKind = "checklist_staff_not_safe"
    static let checklistInformedKind = "checklist_not_informed"

    /// Stores the event, its checklist, a pathway per involved person with their reminders, the leader's
    /// to-dos from the checklist and the audit entries — all in one transaction, at most once per claim.
    static func register(
        _ input: Input, _ valid: Validated, claim: Idempotency.Claim?, in context: ServiceContext,
        answer: @escaping @Sendable (Registered) throws -> Idempotency.Answer
    ) async throws -> Idempotency.Outcome<Registered> {
        let user = context.user
        let organization = try await Organization.find(user.organizationID, on: context.db)
        let timeZone = organization?.zone ?? .defaultForOrganizations
        let parents = try await UnitDirectory.parents(organizationID: user.organizationID, on: context.db)
        let rules = try await DefusingTriggerRuleRecord.rules(organizationID: user.organizationID, on: context.db)
        let matches = DefusingTriggers.matches(rules, for: DefusingTriggerInput(
            kind: valid.kind, severity: valid.severity, tags: valid.tags,
            unitLineage: UnitTree.lineage(of: valid.unitID, parents: parents), someoneAskedForIt: input.defusingAsked))
        let recommendedBy = matches.map(\.label)
        let steps = PathwayPlanner.steps(eventAt: valid.occurredAt, severity: valid.severity, defusingRecommended: !matches.isEmpty, timeZone: timeZone)
        let summary = input.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        let reference = input.incidentReportRef.flatMap { $0.isEmpty ? nil : $0 }
        let checklist = (input.patientSafe ?? false, input.staffSafe ?? false, input.premisesSafe ?? false, input.everyoneInformed ?? false)
        let relieved = input.relievedPersonIDs
        // A leader involved in their own event is followed up by the leader above them, not by themself.
        let ownLeader = valid.involved.contains(user.personID)
            ? try await Leaders.nearest(to: user.personID, organizationID: user.organizationID, on: context.db) : nil

        return try await Idempotency.once(claim, in: context) { tx in
            let eventID = tx.newID()
            try await Event(
                id: eventID, organizationID: user.organizationID, unitID: valid.unitID, kind: valid.kind, severity: valid.severity,
                occurredAt: valid.occurredAt, summary: summary, incidentReportRef: reference, registeredBy: user.personID, createdAt: tx.now
            ).create(tags: valid.tags, defusingReasons: recommendedBy, ids: tx.ids, on: tx.db)
            try await ImmediateChecklist(
                id: tx.newID(), organizationID: user.organizationID, eventID: eventID,
                patientSafe: checklist.0, staffSafe: checklist.1, premisesSafe: checklist.2, everyoneInformed: checklist.3
            ).create(relieved: relieved, ids: tx.ids, on: tx.db)
            try await tx.audit(.create, "event", id: eventID, subject: nil)
            var cases: [(caseID: UUID, personID: UUID)] = []
            let checkIns = try await CheckInSchedules.load(organizationID: user.organizationID, on: tx.db)
            for personID in valid.involved {
                let caseID = try await EventPathway.open(for: personID, eventID: eventID, eventAt: valid.occurredAt, steps: steps, checkIns: checkIns,
                                                         owner: personID == user.personID ? ownLeader : user.personID, timeZone: timeZone, in: tx)
                cases.append((caseID, personID))
            }
            // A "no" on the checklist is something to do, not only an answer: it comes back to the leader who
            // registered, urgently, until it is seen to.
            let todo = [(checklist.1, checklistStaffKind), (checklist.3, checklistInformedKind)].filter { !$0.0 }.map { _, kind in
                Messages.Outgoing(kind: kind, urgency: .urgent, recipient: user.personID, organizationID: user.organizationID,
                                  link: SiteRoute.event(eventID).path, key: "\(kind):\(eventID)", caseID: nil)
            }
            try await Messages.store(todo, context: tx)
            let registered = Registered(eventID: eventID, cases: cases, defusingRecommendedBy: recommendedBy)
            return (registered, try answer(registered))
        }
    }
}
