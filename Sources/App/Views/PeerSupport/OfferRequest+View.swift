@preconcurrency import Plot

struct OfferRequestPageView {
    let model: OfferRequestPageModel

    var main: [BodyNode] {
        [
            Markup.el("p", [], [Markup.link(model.back, to: .program, [("class", "back")])]),
            Markup.el("h1", text: model.heading),
            Markup.el("p", [], [Markup.el("strong", text: model.waited)]),
            Markup.el("ul", [("class", "reasons")], model.details.map { Markup.el("li", text: $0) }),
        ] + (model.someoneCanTakeIt ? [
            Markup.el("p", text: model.explanation),
            Markup.form(to: .assignSupporter(model.requestID), csrf: model.csrf, [("class", "assign")], [
                Markup.hidden("version", "\(model.version)"),
                Markup.button(model.submit, [("class", "primary")]),
            ]),
        ] : [Markup.el("p", [("class", "empty")], text: model.empty)])
    }
}
