@preconcurrency import Plot

struct RecoveryCodesPageView {
    let model: RecoveryCodesPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.lead),
            Markup.el("ol", [("class", "recovery-codes")], model.codes.map { Markup.el("li", [], [Markup.el("code", text: $0)]) }),
            Markup.el("p", [], [Markup.el("a", [("href", model.next), ("class", "button primary")], text: model.continueLabel)]),
        ]
    }
}
