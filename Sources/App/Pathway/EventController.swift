import Domain
import Fluent
import SQLKit
import Vapor

enum EventController {
    /// Everything as text, so whatever a browser sends is read and a wrong value is answered in words.
    struct Form: Content {
        var kind: String?
        var severity: String?
        var unitId: String?
        var occurredAt: String?
        var summary: String?
        var incidentReportRef: String?
        var tags: [String]?
        var defusingAsked: String?
        var patientSafe: String?
        var staffSafe: String?
        var premisesSafe: String?
        var everyoneInformed: String?
        var involvedPersonIds: [String]?
        var relievedPersonIds: [String]?
        var confirmOldDate: String?
        /// A name to find among the people the leader may name; `find` sends the form to look, not to register.
        var q: String?
        var find: String?
        /// The form's one-time key: the same form sent twice registers one event.
        var _submission: String?
    }

    struct Choices {
        let units: [(id: UUID, name: String)]
        let people: [(id: UUID, name: String, profession: String, unit: String)]
    }

    /// The units a leader may register events in and the people they may name, read with SQLKit.
    static func query(for user: CurrentUser, on db: any Database) async throws -> Choices {
        let scope = Array(user.actor.leaderScope)
        guard !scope.isEmpty else { return Choices(units: [], people: []) }
        let unitRows = try await db.sql().raw("""
            SELECT id, name FROM units WHERE organization_id = \(bind: user.organizationID) AND id IN (\(binds: scope)) ORDER BY name
            """).all()
        let units = try unitRows.map { (id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self)) }
        let peopleRows = try await db.sql().raw("""
            SELECT p.id, p.name, p.profession, MIN(u.name) AS unit_name
            FROM people p
            JOIN person_units pu ON pu.person_id = p.id AND pu.organization_id = p.organization_id
            JOIN units u ON u.id = pu.unit_id AND u.organization_id = pu.organization_id
            WHERE p.organization_id = \(bind: user.organizationID) AND pu.unit_id IN (\(binds: scope))
            GROUP BY p.id, p.name, p.profession
            ORDER BY p.name
            LIMIT 500
            """).all()
        let people = try peopleRows.map {
            (id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self),
             profession: try $0.decode(column: "profession", as: String.self), unit: try $0.decode(column: "unit_name", as: String.self))
        }
        return Choices(units: units, people: people)
    }

    static func newPage(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayRegisterEvents(user.actor) else { throw PageError.forbidden }
        return try await render(req, form: Form(), problems: [], status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayRegisterEvents(user.actor) else { throw PageError.forbidden }
        let form = try req.content.decode(Form.self)
        // Finding someone shows the form again with what was typed, and saves nothing.
        if form.find != nil { return try await render(req, form: form, problems: [], status: .ok) }
        let input = form.input(timeZone: user.timeZone)
        switch try await EventRegistration.validate(input, by: user, now: req.now, on: req.db) {
        case .failure(let list):
            return try await render(req, form: form, problems: form.unreadable(timeZone: user.timeZone) + list.problems, status: .unprocessableEntity)
        case .success(let valid):
            let claim = Idempotency.formClaim(.formEvent, key: form._submission, at: req.url.path)
            let outcome = try await EventRegistration.register(input, valid, claim: claim, in: req.context()) { registered in
                Idempotency.Answer(status: 303, location: SiteRoute.event(registered.eventID).path, body: nil)
            }
            switch outcome {
            case .created(let registered, _):
                return req.redirect(to: SiteRoute.event(registered.eventID).path(PageQuery(notice: .eventRegistered)))
            case .repeated(let first):
                // Sent again (back and submit): show what the first submission registered, and say so.
                return req.redirect(to: (first.location ?? SiteRoute.tasks.path) + PageQuery(notice: .alreadyRegistered).queryString)
            }
        }
    }

    /// Everything the event page shows, read for one user: only the cases they may see.
    struct Shown {
        let event: Event
        let checklist: ImmediateChecklist?
        let unitName: String?
        let people: [(caseID: UUID, personID: UUID, name: String, steps: [PathwayStep])]
        let relieved: Int
        let defusingReasons: [String]
        /// For a leader who may hold its defusing conversation: who of the involved took part in one.
        let tookPartInDefusing: Set<UUID>?
        /// For a leader of the event's unit: its time and people may be put right.
        let mayCorrect: Bool
        /// The event's learning review, when one is registered: when it is held, and where to read it.
        var review: (id: UUID, scheduledAt: Date)? = nil
    }

    static func query(eventID: UUID, for user: CurrentUser, on db: any Database) async throws -> Shown {
        guard let event = try await Event.query(on: db).filter(\.$id == eventID).filter(\.$organizationID == user.organizationID).first() else {
            throw PageError.notFound
        }
        try AccessPolicy.mayViewEvent(user.actor, EventSubject(organizationID: event.organizationID, unitID: event.unitID)).enforceForPage()
        let checklist = try await ImmediateChecklist.query(on: db)
            .filter(\.$organizationID == user.organizationID).filter(\.$eventID == eventID).first()
        let unit = try await Unit.query(on: db).filter(\.$organizationID == user.organizationID).filter(\.$id == event.unitID).first()
        // The involved people's cases, their units and the visible cases' steps: three queries however many
        // people were involved.
        let cases = try await db.sql().raw("""
            SELECT c.id, c.person_id, c.owner_id, c.shared_with_leader, p.name
            FROM cases c JOIN people p ON p.id = c.person_id AND p.organization_id = c.organization_id
            WHERE c.organization_id = \(bind: user.organizationID) AND c.event_id = \(bind: eventID) AND \(CasePredicates.stillInvolved("c"))
            """).all().map { row in
            (id: try row.decode(column: "id", as: UUID.self), personID: try row.decode(column: "person_id", as: UUID.self),
             ownerID: try row.decode(column: "owner_id", as: UUID?.self), shared: try row.decode(column: "shared_with_leader", as: Bool.self),
             name: try row.decode(column: "name", as: String.self))
        }
        let personUnits = try await PeopleDirectory.unitLinks(of: cases.map(\.personID), organizationID: user.organizationID, on: db)
        // Quality advisors see the event, never anyone's pathway: each case is shown only to those who may see it.
        let visible = cases.filter { record in
            let subject = CaseSubject(organizationID: user.organizationID, personID: record.personID, ownerID: record.ownerID,
                                      personUnits: personUnits[record.personID] ?? [], sharedWithLeader: record.shared)
            return AccessPolicy.decide(user.actor, .view, subject) == .allowed
        }
        let steps = visible.isEmpty ? [:] : Dictionary(grouping: try await StepRecord.query(on: db)
            .filter(\.$organizationID == user.organizationID).filter(\.$caseID ~~ visible.map(\.id)).sort(\.$position).all(), by: \.caseID)
        let people = visible.map { (caseID: $0.id, personID: $0.personID, name: $0.name, steps: (steps[$0.id] ?? []).map(\.step)) }
        let relieved = try await RelievedPerson.query(on: db).filter(\.$organizationID == user.organizationID).filter(\.$eventID == eventID).count()
        let reasons = try await DefusingReason.labels(eventID: eventID, organizationID: user.organizationID, on: db)
        var tookPart: Set<UUID>?
        if AccessPolicy.mayHoldDefusing(user.actor, EventSubject(organizationID: event.organizationID, unitID: event.unitID)) == .allowed {
            tookPart = Set(try await db.sql().raw("""
                SELECT person_id FROM \(ident: DefusingSchema.participants) WHERE organization_id = \(bind: user.organizationID) AND event_id = \(bind: eventID)
                """).all().map { try $0.decode(column: "person_id", as: UUID.self) })
        }
        let review = try await db.sql().raw("""
            SELECT id, scheduled_at FROM \(ident: ReviewSchema.reviews) WHERE organization_id = \(bind: user.organizationID) AND event_id = \(bind: eventID)
            """).first().map { (id: try $0.decode(column: "id", as: UUID.self), scheduledAt: try $0.decode(column: "scheduled_at", as: Date.self)) }
        return Shown(event: event, checklist: checklist, unitName: unit?.name, people: people, relieved: relieved, defusingReasons: reasons,
                     tookPartInDefusing: tookPart,
                     mayCorrect: AccessPolicy.mayCorrectEvent(user.actor, EventSubject(organizationID: event.organizationID, unitID: event.unitID)) == .allowed,
                     review: review)
    }

    static func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let eventID = try req.pageID(RouteParameter.eventID)
        let shown = try await query(eventID: eventID, for: user, on: req.db)
        try await AuditLog.record(req, reads: shown.people.map { ("case", $0.caseID, $0.personID) } + [("event", eventID, nil)])
        let t = req.localizer
        let model = EventDetailPageModel(shown, now: req.now, t: t)
        let flash = PageQuery(req).notice.map { notice in
            switch notice {
            case .alreadyRegistered: t("event.already_registered")
            case .defusingRecorded: t("defusing.recorded")
            case .corrected: t("event.corrected")
            case .unchanged: t("event.unchanged")
            default: t("event.saved")
            }
        }
        return Pages.respond(req, title: model.heading, current: nil, flash: flash, main: EventDetailPageView(model: model).main)
    }

    private static func render(_ req: Request, form: Form, problems: [EventRegistration.Problem], status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        let choices = try await query(for: user, on: req.db)
        // The leader's own unit comes chosen, when they lead it; otherwise the only unit they lead.
        let preferred = choices.units.first { user.ownUnits.contains($0.id) }?.id ?? (choices.units.count == 1 ? choices.units.first?.id : nil)
        let model = NewEventPageModel(form: form, problems: problems, choices: choices, preferredUnit: preferred, now: req.now, timeZone: user.timeZone,
                                      t: req.localizer, csrf: req.csrfToken, freshKey: Tokens.random())
        return Pages.respond(req, title: model.heading, current: .newEvent, status: status, main: NewEventPageView(model: model).main)
    }
}

extension EventController.Form {
    func input(timeZone: TimeZone) -> EventRegistration.Input {
        EventRegistration.Input(
            kind: kind.flatMap { $0.isEmpty ? nil : $0 },
            severity: severity.flatMap { $0.isEmpty ? nil : $0 },
            occurredAt: occurredAt.flatMap { LocalDateTime.parse($0, timeZone: timeZone) },
            unitID: unitId.flatMap(UUID.init(uuidString:)),
            summary: summary ?? "",
            incidentReportRef: incidentReportRef?.trimmingCharacters(in: .whitespaces),
            tags: tags ?? [],
            defusingAsked: defusingAsked == "true",
            involvedPersonIDs: (involvedPersonIds ?? []).compactMap(UUID.init(uuidString:)),
            patientSafe: patientSafe.flatMap(Bool.init),
            staffSafe: staffSafe.flatMap(Bool.init),
            premisesSafe: premisesSafe.flatMap(Bool.init),
            everyoneInformed: everyoneInformed.flatMap(Bool.init),
            relievedPersonIDs: (relievedPersonIds ?? []).compactMap(UUID.init(uuidString:)),
            oldDateConfirmed: confirmOldDate == "true")
    }

    /// Values that were sent but could not be read at all (a garbled date), which validation sees as missing.
    func unreadable(timeZone: TimeZone) -> [EventRegistration.Problem] {
        guard let occurredAt, !occurredAt.isEmpty, LocalDateTime.parse(occurredAt, timeZone: timeZone) == nil else { return [] }
        return [EventRegistration.Problem(field: "occurredAt", code: "unreadable")]
    }
}
