@preconcurrency import Plot

struct OfferRequestPageView {
    let model: OfferRequestPageModel

    var main: [BodyNode] {
        [
            Markup.el("p", [], [Markup.link(model.back, to: .program, [("class", "back")])]),
            Markup.el("h1", text: model.heading),
            Markup.el("p", [], [Markup.el("strong", text: model.waited)]),
            Markup.el("ul", [("class", "reasons")], model.details.map { Markup.el("li", text: $0) }),
            model.supporters.isEmpty
                ? Markup.el("p", [("class", "empty")], text: model.empty)
                : Markup.form(to: .assignSupporter(model.requestID), csrf: model.csrf, [("class", "assign")], [
                    Markup.el("fieldset", [], [Markup.el("legend", text: model.legend)] + model.supporters.enumerated().map { index, supporter in
                        let id = "supporter-\(supporter.id)"
                        return Markup.el("div", [("class", "choice")], [
                            Markup.void("input", [("type", "radio"), ("id", id), ("name", "supporterId"), ("value", supporter.id)]
                                + (index == 0 ? [("checked", "checked")] : [])),
                            Markup.el("label", [("for", id)], text: supporter.label),
                        ])
                    }),
                    Markup.button(model.submit, [("class", "primary")]),
                ]),
        ]
    }
}
