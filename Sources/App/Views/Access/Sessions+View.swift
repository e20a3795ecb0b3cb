@preconcurrency import Plot

struct SessionsPageView {
    let model: SessionsPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.lead),
            Markup.el("p", [], [Markup.link(model.twoFactorLink, to: .twoFactorSettings)]),
            Markup.el("ul", [("class", "cards sessions")], model.rows.map { row in
                Markup.el("li", [], [
                    Markup.el("h2", text: row.title),
                    row.isThisDevice ? Markup.el("p", [], [Markup.el("strong", text: model.thisDevice)]) : .empty,
                    Markup.el("p", [("class", "muted")], text: row.detail),
                    Markup.form(to: .endSession(row.id), csrf: model.csrf, [("class", "inline")], [Markup.button(model.end)]),
                ])
            }),
        ]
    }
}
