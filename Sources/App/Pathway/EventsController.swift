import Domain
import Fluent
import SQLKit
import Vapor

/// The events a leader registered or leads, newest first: where a mistyped event is found and put right.
enum EventsController {
    static let pageSize = 25

    struct Row: Sendable {
        let id: UUID
        let kind: EventKind
        let severity: Severity
        let occurredAt: Date
        let unitName: String
        let involved: Int
    }

    /// One query whatever the number of events: a leader's units and every unit below them, or the whole
    /// organization for a quality advisor. One row more than a page says whether there is a next one.
    static func query(for user: CurrentUser, page: Int, on db: any Database) async throws -> (rows: [Row], hasMore: Bool) {
        let scope = Array(user.actor.leaderScope)
        let everything = user.roles.contains(.qualityAdvisor)
        guard everything || !scope.isEmpty else { return ([], false) }
        let unitFilter: SQLQueryString = everything ? "" : "AND e.unit_id IN (\(binds: scope))"
        let rows = try await db.sql().raw("""
            SELECT e.id, e.kind, e.severity, e.occurred_at, u.name AS unit_name,
              (SELECT COUNT(*) FROM cases c WHERE c.organization_id = e.organization_id AND c.event_id = e.id AND \(CasePredicates.stillInvolved("c"))) AS involved
            FROM events e JOIN units u ON u.id = e.unit_id AND u.organization_id = e.organization_id
            WHERE e.organization_id = \(bind: user.organizationID) \(unitFilter)
            ORDER BY e.occurred_at DESC, e.id
            LIMIT \(bind: pageSize + 1) OFFSET \(bind: (page - 1) * pageSize)
            """).all().map { row in
            Row(id: try row.decode(column: "id", as: UUID.self), kind: try row.decode(column: "kind", as: EventKind.self),
                severity: try row.decode(column: "severity", as: Severity.self), occurredAt: try row.decode(column: "occurred_at", as: Date.self),
                unitName: try row.decode(column: "unit_name", as: String.self), involved: try row.decode(column: "involved", as: Int.self))
        }
        return (Array(rows.prefix(pageSize)), rows.count > pageSize)
    }

    static func list(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayRegisterEvents(user.actor) || user.roles.contains(.qualityAdvisor) else { throw PageError.forbidden }
        let page = Paging.page(PageQuery(req).page)
        let found = try await query(for: user, page: page, on: req.db)
        try await AuditLog.record(req, .read, "event_list", id: nil, subject: nil)
        let model = EventsPageModel(found.rows, page: page, hasMore: found.hasMore, mayRegister: AccessPolicy.mayRegisterEvents(user.actor), t: req.localizer)
        return Pages.respond(req, title: model.heading, current: .events, main: EventsPageView(model: model).main)
    }
}
