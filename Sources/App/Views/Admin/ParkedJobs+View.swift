@preconcurrency import Plot

struct ParkedJobsPageView {
    let model: ParkedJobsPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.intro),
            model.items.isEmpty
                ? Markup.el("p", [("class", "empty")], text: model.empty)
                : Markup.el("ul", [("class", "cards")], model.items.map { item in
                    Markup.el("li", [], [
                        Markup.el("p", [], [Markup.el("strong", text: item.kind)]),
                        Markup.el("p", [("class", "due")], text: "\(item.parkedAt) · \(item.attempts)"),
                        Markup.el("pre", [("class", "job-error")], text: item.error),
                        Markup.form(to: item.retry, csrf: model.csrf, [], [Markup.button(model.retryLabel)]),
                    ])
                }),
        ]
    }
}
