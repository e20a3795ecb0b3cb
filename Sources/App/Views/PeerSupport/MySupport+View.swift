@preconcurrency import Plot

struct MySupportPageView {
    let model: MySupportPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.intro),
            Markup.el("section", [("class", "ask")], [
                Markup.el("h2", text: model.askHeading),
                Markup.el("p", text: model.askText),
                Markup.link(model.askButton, to: .requestSupport, [("class", "button primary")]),
            ]),
            Markup.el("h2", text: model.casesHeading),
            model.cases.isEmpty
                ? Markup.el("p", [("class", "empty")], text: model.empty)
                : Markup.el("ul", [("class", "cards")], model.cases.map { summary in
                    Markup.el("li", [], [
                        Markup.el("a", [("href", summary.route.path)], [
                            Markup.el("strong", text: summary.title),
                            Markup.el("span", text: summary.statusLabel),
                        ]),
                        summary.nextSteps.isEmpty ? .empty : Markup.el("ul", [("class", "next-steps")], summary.nextSteps.map { Markup.el("li", text: $0) }),
                        summary.request.map { Markup.el("p", [("class", "request-link")], [Markup.link($0.label, to: $0.route)]) } ?? .empty,
                    ])
                }),
            CrisisLine.node(model.crisisText, numbers: model.crisisNumbers),
        ]
    }
}
