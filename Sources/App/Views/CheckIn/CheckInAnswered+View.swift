@preconcurrency import Plot

struct CheckInAnsweredPageView {
    let model: CheckInAnsweredPageModel

    var main: [BodyNode] {
        var nodes: [BodyNode] = []
        // The numbers come first when the answers call for them: nothing is more important on this page.
        if let crisis = model.crisis {
            nodes.append(Markup.el("section", [("class", "crisis-now"), ("role", "alert"), ("aria-labelledby", "crisis-heading")], [
                Markup.el("h1", [("id", "crisis-heading")], text: crisis.heading),
                Markup.el("p", text: crisis.text),
                Markup.el("ul", [("class", "plain crisis-numbers")], crisis.numbers.map { entry in
                    Markup.el("li", [], [
                        Markup.el("span", text: entry.label + " "),
                        Markup.el("a", [("href", "tel:" + entry.number.filter { $0.isNumber || $0 == "+" }), ("class", "button primary")], text: entry.number),
                    ])
                }),
                Markup.link(crisis.askLabel, to: .requestSupport, [("class", "button")]),
            ]))
            nodes.append(Markup.el("h2", text: model.heading))
        } else {
            nodes.append(Markup.el("h1", text: model.heading))
        }
        nodes.append(Markup.el("p", [("class", "lead")], text: model.text))
        if let contact = model.contact {
            nodes.append(Markup.el("section", [("class", "contact-arranged"), ("aria-labelledby", "contact-heading")], [
                Markup.el("h2", [("id", "contact-heading")], text: contact.heading),
                Markup.el("p", text: contact.text),
            ]))
        }
        if let suggestion = model.suggestion {
            nodes.append(Markup.el("div", [("class", "help-suggestion")], [
                Markup.el("h2", text: suggestion.heading),
                Markup.el("p", text: suggestion.text),
                Markup.el("p", [], [Markup.el("a", [("href", SiteRoute.checkIns.path + "#" + model.caseAnchor)], text: suggestion.link)]),
            ]))
        }
        nodes.append(Markup.el("p", [], [Markup.link(model.back, to: .checkIns)]))
        return nodes
    }
}
