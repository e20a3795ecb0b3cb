@preconcurrency import Plot

struct TasksPageView {
    let model: TasksPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.intro),
            Markup.el("p", [], [Markup.link(model.registerEvent, to: .newEvent, [("class", "button primary")])]),
            model.tasks.isEmpty
                ? Markup.el("p", [("class", "empty")], text: model.empty)
                : Markup.el("ul", [("class", "cards tasks")], model.tasks.map { task in
                    Markup.el("li", [("class", task.overdueLabel == nil ? "task" : "task is-overdue")], [
                        Markup.el("a", [("href", task.route.path)], [
                            Markup.el("strong", text: task.stepTitle),
                            Markup.el("span", text: task.personName),
                        ]),
                        Markup.el("p", [("class", "due")], [.text(task.dueText)] + (task.overdueLabel.map { [Markup.el("strong", [("class", "overdue")], text: " " + $0)] } ?? [])),
                    ])
                }),
            Pagination.render(model.pagination),
        ]
    }
}

enum Pagination {
    static func render(_ model: PaginationModel?) -> BodyNode {
        guard let model else { return .empty }
        var links: [BodyNode] = []
        if let previous = model.previous { links.append(Markup.el("a", [("href", previous.href), ("rel", "prev")], text: previous.label)) }
        if let next = model.next { links.append(Markup.el("a", [("href", next.href), ("rel", "next")], text: next.label)) }
        return Markup.el("nav", [("class", "pagination")], links)
    }
}
