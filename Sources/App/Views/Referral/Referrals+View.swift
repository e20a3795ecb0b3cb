@preconcurrency import Plot

struct ReferralsPageView {
    let model: ReferralsPageModel

    var main: [BodyNode] {
        var nodes: [BodyNode] = [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.intro),
        ]
        if model.entries.isEmpty { nodes.append(Markup.el("p", [("class", "empty")], text: model.empty)) }
        nodes.append(Markup.el("ul", [("class", "cards referrals")], model.entries.map { entry in
            Markup.el("li", [], [
                Markup.el("h2", text: entry.heading),
                Markup.el("p", [("class", "muted")], text: entry.madeText),
                entry.reach.map { Markup.el("p", [("class", "reach")], [Markup.el("strong", text: $0)]) } ?? .empty,
                entry.contactedText.map { Markup.el("p", [("class", "contacted")], [Markup.el("strong", text: $0)]) }
                    ?? Markup.form(to: .referralContacted(entry.id), csrf: model.csrf, [("class", "inline")], [Markup.button(model.markContacted)]),
                entry.nothingShared.map { Markup.el("p", text: $0) } ?? Markup.group([
                    Markup.el("h3", text: entry.sharedHeading),
                    Markup.group(entry.shared.map { shared in
                        Markup.el("details", [], [
                            Markup.el("summary", text: shared.title),
                            Markup.el("dl", [], shared.answers.flatMap { [Markup.el("dt", text: $0.question), Markup.el("dd", text: $0.answer)] }),
                        ])
                    }),
                ]),
            ])
        }))
        nodes.append(Pagination.render(model.pagination))
        return nodes
    }
}
