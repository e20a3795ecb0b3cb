@preconcurrency import Plot

struct CheckInPageView {
    let model: CheckInPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.intro),
            FormErrorSummary(heading: model.errorHeading, errors: model.errors).node,
            Markup.form(to: model.route, csrf: model.csrf, [("class", "stack check-in")],
                        [Markup.hidden("version", "\(model.version)"), Markup.hidden("_submission", model.submissionKey)]
                            + model.items.map(item)
                            + [model.contact.map(contact) ?? .empty, Markup.button(model.submit, [("class", "button primary")])]),
            Markup.form(to: model.skipRoute, csrf: model.csrf, [("class", "stack")], [
                Markup.hidden("version", "\(model.version)"),
                Markup.button(model.skip, [("class", "button")]),
            ]),
        ]
    }

    private func contact(_ contact: CheckInPageModel.Contact) -> BodyNode {
        Markup.el("fieldset", [("id", "contact-by"), ("class", "choices"), ("aria-describedby", "contact-by-hint")], [
            Markup.el("legend", text: contact.legend),
            Markup.el("p", [("class", "hint"), ("id", "contact-by-hint")], text: contact.hint),
            Markup.el("div", [("class", "options")], contact.options.map { option in
                let optionID = "contact-by-\(option.value)"
                return Markup.el("label", [("class", "option"), ("for", optionID)], [
                    Markup.void("input", [("type", "radio"), ("id", optionID), ("name", "contactBy"), ("value", option.value)]
                                + (contact.selected == option.value ? [("checked", nil)] : [])),
                    Markup.el("span", text: option.label),
                ])
            }),
        ])
    }

    private func item(_ item: CheckInPageModel.Item) -> BodyNode {
        let id = "item-\(item.key)"
        var legend: [BodyNode] = [Markup.el("span", text: item.legend)]
        if let ends = item.ends { legend.append(Markup.el("span", [("class", "hint")], text: ends)) }
        return Markup.el("fieldset", [("id", id), ("class", item.wide ? "choices wide" : "choices")]
                            + (item.error == nil ? [] : [("aria-describedby", "\(id)-error")]), [
            Markup.el("legend", [], legend),
            Markup.fieldError(item.error, for: id),
            Markup.el("div", [("class", "options")], item.options.map { option in
                let optionID = "\(id)-\(option.value)"
                return Markup.el("label", [("class", "option"), ("for", optionID)], [
                    Markup.void("input", [("type", "radio"), ("id", optionID), ("name", "answers[\(item.key)]"), ("value", option.value)]
                                + (item.selected == option.value ? [("checked", nil)] : [])),
                    Markup.el("span", text: option.label),
                ])
            }),
        ])
    }
}
