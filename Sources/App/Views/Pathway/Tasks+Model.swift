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

struct PaginationModel {
    let previous: (label: String, href: String)?
    let next: (label: String, href: String)?
}
