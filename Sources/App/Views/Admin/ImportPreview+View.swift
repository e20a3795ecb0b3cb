@preconcurrency import Plot

struct ImportPreviewPageView {
    let model: ImportPreviewPageModel

    var main: [BodyNode] {
        [
            Markup.el("p", [], [Markup.link(model.back, to: .imports, [("class", "back")])]),
            Markup.el("h1", text: model.heading),
            model.notice.map { Markup.el("p", [("class", "notice attention"), ("role", "status")], text: $0) } ?? .empty,
            Markup.el("ul", [("class", "counts")], model.counts.map { Markup.el("li", text: $0) }),
        ] + model.sections.map { section in
            Markup.el("section", [("class", "card")], [
                Markup.el("h2", text: section.heading),
                Markup.el("ul", [], section.lines.map { Markup.el("li", text: $0) }),
                section.more.map { Markup.el("p", [("class", "muted")], text: $0) } ?? .empty,
            ])
        } + [
            model.nothing.map { Markup.el("p", [("class", "empty")], text: $0) } ?? .empty,
            model.apply.map { apply in
                Markup.form(to: apply.route, csrf: model.csrf, [], [Markup.hidden("fingerprint", apply.fingerprint), Markup.button(apply.label, [("class", "primary")])])
            } ?? .empty,
        ]
    }
}
