import Domain
import Foundation

struct TasksPageModel {
    struct Task {
        let personName: String
        let stepTitle: String
        let dueText: String
        let overdueLabel: String?
        let route: SiteRoute
    }

    let heading: String
    let intro: String
    let empty: String
    let tasks: [Task]
    let registerEvent: String
    let pagination: PaginationModel?
}

extension TasksPageModel {
    init(_ tasks: [TasksController.Task], page: Int, hasMore: Bool, now: Date, t: Localizer) {
        self.init(
            heading: t("tasks.heading"),
            intro: t("tasks.intro"),
            empty: t("tasks.empty"),
            tasks: tasks.map { task in
                Task(
                    personName: task.personName,
                    stepTitle: t.stepTitle(task.key, forPerson: false),
                    dueText: task.dueAt.map(t.due) ?? t("step.no_due"),
                    overdueLabel: PathwayStep(key: task.key, status: task.status, dueAt: task.dueAt).isOverdue(now: now) ? t("step.overdue") : nil,
                    route: .caseDetail(task.caseID))
            },
            registerEvent: t("nav.new_event"),
            pagination: PaginationModel.make(route: .tasks, page: page, hasMore: hasMore, t: t))
    }
}
