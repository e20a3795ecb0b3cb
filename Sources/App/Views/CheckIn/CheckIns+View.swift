@preconcurrency import Plot

struct CheckInsPageView {
    let model: CheckInsPageModel

    var main: [BodyNode] {
        var nodes: [BodyNode] = [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.intro),
            Markup.el("section", [("class", "ask"), ("aria-labelledby", "due-heading")], [
                Markup.el("h2", [("id", "due-heading")], text: model.dueHeading),
                model.due.isEmpty
                    ? Markup.el("p", [("class", "empty")], text: model.noneDue)
                    : Markup.el("ul", [("class", "plain")], model.due.map { Markup.el("li", [], [Markup.link($0.label, to: $0.route, [("class", "button primary")])]) }),
            ]),
        ]
        if model.pathways.isEmpty { nodes.append(Markup.el("p", [("class", "empty")], text: model.empty)) }
        for pathway in model.pathways { nodes.append(section(pathway)) }
        nodes.append(CrisisLine.node(model.crisisText, numbers: model.crisisNumbers))
        return nodes
    }

    private func section(_ pathway: CheckInsPageModel.Pathway) -> BodyNode {
        var children: [BodyNode] = [
            Markup.el("h2", [("id", "\(pathway.anchor)-heading")], text: pathway.title),
            Markup.el("p", [("class", "plan-state")], text: pathway.stateText),
        ]
        if !pathway.planButtons.isEmpty {
            children.append(Markup.form(to: pathway.planRoute, csrf: model.csrf, [("class", "actions")],
                                        [Markup.hidden("version", "\(pathway.version)")]
                                            + pathway.planButtons.map { Markup.button($0.label, [("name", "change"), ("value", $0.value), ("class", "button")]) }))
        }
        if !pathway.charts.isEmpty {
            children.append(Markup.el("h3", text: model.trendHeading))
            children.append(Markup.el("div", [("class", "trend-charts")], pathway.charts.map { chart in
                // The title is visible too: the drawing's own title only reaches screen readers.
                Markup.el("figure", [], [Markup.el("figcaption", [("aria-hidden", "true")], text: chart.title), chart.node])
            }))
        }
        if !pathway.tableRows.isEmpty {
            children.append(Markup.el("table", [("class", "answers")], [
                Markup.el("caption", text: pathway.tableCaption),
                Markup.el("thead", [], [Markup.el("tr", [], pathway.tableHeaders.map { Markup.el("th", [("scope", "col")], text: $0) })]),
                Markup.el("tbody", [], pathway.tableRows.map { row in Markup.el("tr", [], row.map { Markup.el("td", text: $0) }) }),
            ]))
        }
        if let help = pathway.help { children.append(helpNode(help, anchor: pathway.anchor)) }
        for referral in pathway.referrals { children.append(Markup.el("p", [("class", "notice")], text: referral)) }
        if let consent = pathway.consent {
            children.append(Markup.form(to: .recordConsent, csrf: model.csrf, [("class", "stack consent")],
                                        [Markup.el("p", text: consent.text), Markup.hidden("caseId", consent.caseID), Markup.hidden("kind", "attention_signal_to_owner")]
                                            + consent.buttons.map { Markup.button($0.label, [("name", "granted"), ("value", $0.granted ? "true" : "false"), ("class", "button")]) }))
        }
        return Markup.el("section", [("class", "pathway-check-ins"), ("id", pathway.anchor), ("aria-labelledby", "\(pathway.anchor)-heading")], children)
    }

    private func helpNode(_ help: CheckInsPageModel.Help, anchor: String) -> BodyNode {
        var children: [BodyNode] = [
            Markup.el("h3", text: help.heading),
            Markup.el("p", text: help.text),
        ]
        if !help.services.isEmpty {
            children.append(Markup.el("ul", [("class", "services")], help.services.map { service in
                Markup.el("li", [], [Markup.el("strong", text: service.name), .text(" · \(service.kind)"), Markup.void("br", []), .text(service.contact)])
            }))
        }
        if let none = help.noServices { children.append(Markup.el("p", text: none)) }
        if !help.serviceOptions.isEmpty {
            var fields: [BodyNode] = [
                Markup.hidden("_submission", model.submissionKey),
                FormField.select(id: "\(anchor)-service", name: "serviceId", label: help.serviceLabel, options: help.serviceOptions),
            ]
            if !help.shareOptions.isEmpty {
                fields.append(Markup.el("fieldset", [], [Markup.el("legend", text: help.shareLegend)] + help.shareOptions.map { option in
                    Markup.checkbox(name: "share[]", value: option.id, label: option.label, checked: false, id: "share-\(option.id)")
                }))
            }
            fields.append(Markup.el("fieldset", [("class", "inner")], [Markup.el("legend", text: help.reachLegend)] + help.reachOptions.map { option in
                Markup.el("label", [("class", "radio"), ("for", "\(anchor)-reach-\(option.value)")], [
                    Markup.void("input", [("type", "radio"), ("id", "\(anchor)-reach-\(option.value)"), ("name", "reachBy"), ("value", option.value)]),
                    Markup.el("span", text: option.label),
                ])
            } + [FormField.input("text", id: "\(anchor)-reach-at", name: "reachAt", label: help.reachAtLabel, [("maxlength", "100"), ("autocomplete", "off")])]))
            fields.append(Markup.button(help.submit, [("class", "button primary")]))
            children.append(Markup.form(to: help.route, csrf: model.csrf, [("class", "stack referral")], fields))
        }
        return Markup.el("div", [("class", "help-suggestion")], children)
    }
}
