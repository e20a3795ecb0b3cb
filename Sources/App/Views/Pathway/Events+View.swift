@preconcurrency import Plot

struct EventsPageView {
    let model: EventsPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.intro),
            model.register.map { Markup.el("p", [], [Markup.link($0.label, to: $0.route, [("class", "button primary")])]) } ?? .empty,
            model.rows.isEmpty
                ? Markup.el("p", [("class", "empty")], text: model.empty)
                : Markup.el("ul", [("class", "cards events")], model.rows.map { row in
                    Markup.el("li", [], [
                        Markup.el("a", [("href", row.route.path)], [Markup.el("strong", text: row.title)]),
                        Markup.el("ul", [("class", "reasons")], row.details.map { Markup.el("li", text: $0) }),
                    ])
                }),
            Pagination.render(model.pagination),
        ]
    }
}
