@preconcurrency import Plot

struct SupportRequestsPageView {
    let model: SupportRequestsPageModel

    var main: [BodyNode] {
        [Markup.el("h1", text: model.heading), Markup.el("p", [("class", "lead")], text: model.intro),
         model.availability.map { Markup.el("p", [], [Markup.link($0, to: .myAvailability)]) } ?? .empty]
            + model.sections.flatMap { section -> [BodyNode] in
                [
                    Markup.el("h2", text: section.heading),
                    section.items.isEmpty
                        ? Markup.el("p", [("class", "empty")], text: section.empty)
                        : Markup.el("ul", [("class", "cards")], section.items.map { item in
                            Markup.el("li", [], [
                                Markup.el("a", [("href", item.route.path)], [
                                    Markup.el("strong", text: item.title),
                                    Markup.el("span", text: item.subtitle),
                                ]),
                            ])
                        }),
                ]
            }
            + (model.ownNeed.map { need in
                [Markup.el("section", [("class", "ask")], [
                    Markup.el("p", text: need.text),
                    Markup.link(need.link, to: .requestSupport, [("class", "button")]),
                ])]
            } ?? [])
    }
}
