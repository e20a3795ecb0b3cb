@preconcurrency import Plot

struct TasksPageView {
    let model: TasksPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.intro),
            Markup.el("p", [], [Markup.link(model.registerEvent, to: .newEvent, [("class", "button primary")])]),
            model.escalations.isEmpty ? .empty : Markup.el("section", [("class", "escalations"), ("aria-labelledby", "escalations-heading")], [
                Markup.el("h2", [("id", "escalations-heading")], text: model.escalationsHeading),
                Markup.el("ul", [("class", "cards")], model.escalations.map { escalation in
                    Markup.el("li", [("class", "is-overdue")], [
                        Markup.el("a", [("href", escalation.link)], text: escalation.text),
                        escalation.about.map { Markup.el("p", [("class", "about")], text: $0) } ?? .empty,
                    ])
                }),
            ]),
            model.groups.isEmpty
                ? Markup.el("p", [("class", "empty")], text: model.empty)
                : Markup.el("ul", [("class", "cards tasks")], model.groups.map { group in
                    Markup.el("li", [("class", "task" + (group.isOwnRequest ? " own-request" : "") + (group.overdue ? " is-overdue" : ""))], [
                        Markup.el("a", [("href", group.route.path)], [
                            Markup.el("strong", text: group.personName),
                            Markup.el("span", [("class", group.isOwnRequest ? "badge status-offered" : "context")], text: group.context),
                        ]),
                        Markup.el("ul", [("class", "task-steps")], group.steps.map { step in
                            Markup.el("li", [], [
                                .text(step.title + " — "),
                                Markup.el("span", [("class", "due")], text: step.dueText),
                                step.overdueLabel.map { Markup.el("strong", [("class", "overdue")], text: " " + $0) } ?? .empty,
                            ])
                        }),
                        group.more.map { Markup.el("p", [("class", "muted")], text: $0) } ?? .empty,
                    ])
                }),
            Pagination.render(model.pagination),
        ]
    }
}
