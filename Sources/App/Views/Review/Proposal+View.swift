@preconcurrency import Plot

struct ProposalPageView {
    let model: ProposalPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "muted")], text: model.about),
            Markup.el("blockquote", [], [Markup.el("p", text: model.text)]),
            Markup.el("p", [("class", "lead"), ("id", "proposal-status")], text: model.status),
            model.reason.map { Markup.el("p", text: $0) } ?? .empty,
        ]
    }
}
