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

    static let pageSize = 25

    /// Open steps of the open cases the leader owns, soonest due first, those without a due time last.
    /// One query through SQLKit: a leader with many cases would otherwise load every step as a model.
    static func query(ownerID: UUID, organizationID: UUID, page: Int, on db: any Database) async throws -> (tasks: [Task], hasMore: Bool) {
        let open = StepStatus.open.map(\.rawValue)
        let rows = try await db.sql().raw("""
            SELECT s.case_id, s.key, s.status, s.due_at, p.name
            FROM pathway_steps s
            JOIN cases c ON c.id = s.case_id AND c.organization_id = s.organization_id
            JOIN people p ON p.id = c.person_id AND p.organization_id = c.organization_id
            WHERE s.organization_id = \(bind: organizationID) AND c.owner_id = \(bind: ownerID)
              AND c.status = \(bind: CaseStatus.open.rawValue) AND s.status IN (\(binds: open))
            ORDER BY CASE WHEN s.due_at IS NULL THEN 1 ELSE 0 END, s.due_at, p.name, s.position
            LIMIT \(bind: pageSize + 1) OFFSET \(bind: max(0, page - 1) * pageSize)
            """).all()
        let tasks = try rows.map { row in
            Task(caseID: try row.decode(column: "case_id", as: UUID.self), key: try row.decode(column: "key", as: StepKey.self),
                 status: try row.decode(column: "status", as: StepStatus.self),
                        dueAt: try row.decode(column: "due_at", as: Date?.self), personName: try row.decode(column: "name", as: String.self))
        }
        return (Array(tasks.prefix(pageSize)), tasks.count > pageSize)
    }

    static func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayViewTasks(user.actor) else { throw PageError.forbidden }
        let page = Paging.page(PageQuery(req).page)
        let result = try await query(ownerID: user.personID, organizationID: user.organizationID, page: page, on: req.db)
        let model = TasksPageModel(result.tasks, page: page, hasMore: result.hasMore, now: req.now, t: req.localizer)
        return Pages.respond(req, title: model.heading, current: .tasks, main: TasksPageView(model: model).main)
    }
}
