@preconcurrency import Plot

struct PeoplePageView {
    let model: PeoplePageModel

    var main: [BodyNode] {
        [
            Markup.el("p", [], [Markup.link(model.back, to: .organization, [("class", "back")])]),
            Markup.el("h1", text: model.heading),
            Markup.el("form", [("method", "get"), ("action", SiteRoute.people.path), ("class", "stack"), ("role", "search")], [
                FormField.input("search", id: "q", name: "q", label: model.searchLabel, value: model.search, [("maxlength", "100")]),
                Markup.button(model.submit),
            ]),
            model.rows.isEmpty ? Markup.el("p", [("class", "empty")], text: model.empty)
                : Markup.el("ul", [("class", "cards people")], model.rows.map { row in
                    Markup.el("li", [], [
                        Markup.el("strong", [], [Markup.link(row.name, to: row.route)]), Markup.void("br", []), Markup.el("span", [("class", "muted")], text: row.detail),
                        row.invite.map { Markup.el("p", [], [Markup.link($0.label, to: $0.route)]) } ?? .empty,
                        row.resetTwoFactor.map { Markup.form(to: $0.route, csrf: model.csrf, [("class", "inline")], [Markup.button($0.label)]) } ?? .empty,
                    ])
                }),
            Pagination.render(model.pagination),
        ]
    }
}
