@preconcurrency import Plot

struct OrganizationPageView {
    let model: OrganizationPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.lead),
            Markup.el("ul", [("class", "links")], [
                Markup.el("li", [], [Markup.link(model.peopleLink, to: .people)]),
                Markup.el("li", [], [Markup.link(model.importsLink, to: .imports)]),
                Markup.el("li", [], [Markup.link(model.settingsLink, to: .organizationSettings)]),
            ]),
            model.roots.isEmpty ? Markup.el("p", [("class", "empty")], text: model.empty) : Markup.el("ul", [("class", "unit-tree")], model.roots.map(item)),
        ]
    }

    private func item(_ node: OrganizationPageModel.Node) -> BodyNode {
        Markup.el("li", [], [
            Markup.el("strong", text: node.name),
            Markup.el("span", [("class", "muted")], text: " · " + node.detail),
            node.children.isEmpty ? .empty : Markup.el("ul", [], node.children.map(item)),
        ])
    }
}
