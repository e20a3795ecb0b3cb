@preconcurrency import Plot

struct ErrorPageModel {
    let heading: String
    let message: String
    let homeLabel: String
}

struct ErrorPageView {
    let model: ErrorPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", text: model.message),
            Markup.el("p", [], [Markup.link(model.homeLabel, to: .home)]),
        ]
    }
}
