import Domain
import Fluent
import SQLKit
import Vapor

enum TasksController {
    struct Task {
        let caseID: UUID
        let key: StepKey
        let status: StepStatus
        let dueAt: Date?
        let personName: String
    }

    /// One person's pathway with its open steps: after an event (its kind, unit and time), or a person's own
    /// request for support, which stands out.
    struct Group {
        let caseID: UUID
        let personName: String
        let eventKind: EventKind?
        let eventAt: Date?
        let unitName: String?
        var steps: [Task]

        var isOwnRequest: Bool { eventKind == nil }
    }

    static let pageSize = 25

    /// The open pathways the leader owns, the acute phase first and what is due soonest on top, then the rest by
    /// their next due time. Two queries whatever the number of pathways or steps.
    static func query(ownerID: UUID, organizationID: UUID, page: Int, on db: any Database) async throws -> (groups: [Group], hasMore: Bool) {
        let open = StepStatus.open.map(\.rawValue)
        let sql = try db.sql()
        let acute = Phase.acute.rawValue
        let rows = try await sql.raw("""
            SELECT c.id, p.name, e.kind, e.occurred_at, u.name AS unit_name
            FROM pathway_steps s
            JOIN cases c ON c.id = s.case_id AND c.organization_id = s.organization_id
            JOIN people p ON p.id = c.person_id AND p.organization_id = c.organization_id
            LEFT JOIN events e ON e.id = c.event_id AND e.organization_id = c.organization_id
            LEFT JOIN units u ON u.id = e.unit_id AND u.organization_id = e.organization_id
            WHERE s.organization_id = \(bind: organizationID) AND c.owner_id = \(bind: ownerID)
              AND c.status = \(bind: CaseStatus.open.rawValue) AND s.status IN (\(binds: open))
            GROUP BY c.id, p.name, e.kind, e.occurred_at, u.name
            ORDER BY CASE WHEN MIN(CASE WHEN s.phase = \(bind: acute) THEN s.due_at END) IS NULL THEN 1 ELSE 0 END,
              MIN(CASE WHEN s.phase = \(bind: acute) THEN s.due_at END),
              CASE WHEN MIN(s.due_at) IS NULL THEN 1 ELSE 0 END, MIN(s.due_at), p.name, c.id
            LIMIT \(bind: pageSize + 1) OFFSET \(bind: max(0, page - 1) * pageSize)
            """).all()
        var groups = try rows.prefix(pageSize).map { row in
            Group(caseID: try row.decode(column: "id", as: UUID.self), personName: try row.decode(column: "name", as: String.self),
                  eventKind: try row.decode(column: "kind", as: String?.self).flatMap(EventKind.init(rawValue:)),
                  eventAt: try row.decode(column: "occurred_at", as: Date?.self), unitName: try row.decode(column: "unit_name", as: String?.self), steps: [])
        }
        guard !groups.isEmpty else { return ([], false) }
        let steps = try await sql.raw("""
            SELECT s.case_id, s.key, s.status, s.due_at FROM pathway_steps s
            WHERE s.organization_id = \(bind: organizationID) AND s.case_id IN (\(binds: groups.map(\.caseID))) AND s.status IN (\(binds: open))
            ORDER BY CASE WHEN s.due_at IS NULL THEN 1 ELSE 0 END, s.due_at, s.position
            """).all()
        let index = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1.caseID, $0) })
        for row in steps {
            let caseID = try row.decode(column: "case_id", as: UUID.self)
            guard let at = index[caseID] else { continue }
            groups[at].steps.append(Task(caseID: caseID, key: try row.decode(column: "key", as: StepKey.self),
                                         status: try row.decode(column: "status", as: StepStatus.self), dueAt: try row.decode(column: "due_at", as: Date?.self),
                                         personName: groups[at].personName))
        }
        return (groups, rows.count > pageSize)
    }

    /// A step overdue in a pathway led by someone this leader leads: which step, whose pathway it is to lead,
    /// how late, and after which event. Only steps still waiting: one done meanwhile is not an escalation any more.
    struct Escalation: Sendable {
        let caseID: UUID
        let step: StepKey
        let dueAt: Date
        /// Whose pathway: a leader above sees their units' people's pathways, and the cards must be told apart.
        let personName: String
        let ownerName: String?
        let eventKind: EventKind?
        let eventAt: Date?
    }

    /// The unread escalations, one per pathway and step, in one query.
    static func escalations(for person: UUID, organizationID: UUID, now: Date, on db: any Database) async throws -> [Escalation] {
        let prefix = Messages.stepOverduePrefix
        let rows = try await db.sql().raw("""
            SELECT m.case_id, m.kind, s.status, s.due_at, o.name AS owner_name, pp.name AS person_name, e.kind AS event_kind, e.occurred_at AS event_at
            FROM messages m
            JOIN cases c ON c.organization_id = m.organization_id AND c.id = m.case_id
            JOIN pathway_steps s ON s.organization_id = c.organization_id AND s.case_id = c.id AND m.kind = (\(bind: prefix) || s.key)
            JOIN people pp ON pp.organization_id = c.organization_id AND pp.id = c.person_id
            LEFT JOIN people o ON o.organization_id = c.organization_id AND o.id = c.owner_id
            LEFT JOIN events e ON e.organization_id = c.organization_id AND e.id = c.event_id
            WHERE m.organization_id = \(bind: organizationID) AND m.recipient_person_id = \(bind: person) AND m.read_at IS NULL
              AND m.kind LIKE \(bind: prefix + "%") AND c.status = \(bind: CaseStatus.open.rawValue)
            ORDER BY s.due_at, m.case_id
            LIMIT 100
            """).all()
        var seen: Set<String> = []
        return try rows.compactMap { row in
            guard let status = StepStatus(rawValue: try row.decode(column: "status", as: String.self)), status.isOpen,
                  let key = StepKey(rawValue: String(try row.decode(column: "kind", as: String.self).dropFirst(prefix.count))),
                  let due = try row.decode(column: "due_at", as: Date?.self), due < now else { return nil }
            let caseID = try row.decode(column: "case_id", as: UUID.self)
            guard seen.insert("\(caseID) \(key.rawValue)").inserted else { return nil }
            return Escalation(caseID: caseID, step: key, dueAt: due, personName: try row.decode(column: "person_name", as: String.self), ownerName: try row.decode(column: "owner_name", as: String?.self),
                              eventKind: try row.decode(column: "event_kind", as: String?.self).flatMap(EventKind.init(rawValue:)),
                              eventAt: try row.decode(column: "event_at", as: Date?.self))
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayViewTasks(user.actor) else { throw PageError.forbidden }
        let page = Paging.page(PageQuery(req).page)
        let result = try await query(ownerID: user.personID, organizationID: user.organizationID, page: page, on: req.db)
        // Steps overdue in pathways led by the people this leader leads reach them as escalations: they belong here too.
        let escalations = page == 1 ? try await escalations(for: user.personID, organizationID: user.organizationID, now: req.now, on: req.db) : []
        let model = TasksPageModel(result.groups, escalations: escalations, page: page, hasMore: result.hasMore, now: req.now, t: req.localizer)
        return Pages.respond(req, title: model.heading, current: .tasks, main: TasksPageView(model: model).main)
    }
}
