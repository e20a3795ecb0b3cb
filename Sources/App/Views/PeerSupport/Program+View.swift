@preconcurrency import Plot

struct ProgramPageView {
    let model: ProgramPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [], [Markup.link(model.schemeLink, to: .programScheme, [("class", "button")])]),
            Markup.el("h2", text: model.waitingHeading),
            model.waiting.isEmpty
                ? Markup.el("p", [("class", "empty")], text: model.waitingEmpty)
                : Markup.el("ul", [("class", "cards waiting")], model.waiting.map { waiting in
                    Markup.el("li", [], [
                        Markup.el("strong", text: waiting.title),
                        Markup.el("ul", [("class", "reasons")], waiting.details.map { Markup.el("li", text: $0) }),
                        Markup.el("p", [], [Markup.link(model.offerLink, to: waiting.offerRoute, [("class", "button primary")])]),
                    ])
                }),
            Markup.el("h2", text: model.gapsHeading),
            Markup.el("p", [("class", "muted")], text: model.gapsIntro),
            model.gaps.isEmpty
                ? Markup.el("p", [("class", "empty")], text: model.gapsEmpty)
                : Markup.el("ul", [("class", "request-facts gaps")], model.gaps.map { Markup.el("li", text: $0) }),
            Markup.el("h2", text: model.proposalsHeading),
            Markup.el("p", [("class", "waiting-summary")], text: model.proposals),
            Markup.el("h2", text: model.supportersHeading),
            Markup.el("ul", [("class", "cards")], model.supporters.map { row in
                Markup.el("li", [], [
                    Markup.el("a", [("href", row.route.path)], [Markup.el("strong", text: row.name)]),
                    Markup.el("p", [("class", "due")], text: row.load),
                    row.notes.isEmpty ? .empty : Markup.el("ul", [("class", "reasons")], row.notes.map { Markup.el("li", text: $0) }),
                ])
            }),
        ]
    }
}
