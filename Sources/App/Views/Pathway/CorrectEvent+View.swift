@preconcurrency import Plot

struct CorrectEventPageView {
    let model: CorrectEventPageModel

    var main: [BodyNode] {
        [
            Markup.el("p", [], [Markup.link(model.back.label, to: model.back.route)]),
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "muted")], text: model.about),
            Markup.el("p", [("class", "lead")], text: model.intro),
            FormErrorSummary(heading: model.errorSummaryHeading, errors: model.errors).node,
            Markup.form(to: model.route, csrf: model.csrf, [("class", "stack event-form"), ("novalidate", nil)], [
                Markup.hidden(Markup.submissionField, model.submissionKey),
                Markup.hidden("version", model.version),
                Markup.group(model.removals.map(removal)),
                Markup.el("label", [("for", "occurredAt")], text: model.timeLabel),
                Markup.void("input", [("id", "occurredAt"), ("name", "occurredAt"), ("type", "datetime-local"), ("value", model.time), ("required", nil)]
                    + (model.error("occurredAt") == nil ? [] : [("aria-invalid", "true"), ("aria-describedby", "occurredAt-error")])),
                Markup.fieldError(model.error("occurredAt"), for: "occurredAt"),
                model.confirmOldDate.map { Markup.checkbox(name: "confirmOldDate", label: $0.label, checked: $0.checked, id: "confirm-old-date") } ?? .empty,
                Markup.el("fieldset", [("class", "people")], [
                    Markup.el("legend", text: model.peopleLegend),
                    Markup.el("p", [("class", "hint")], text: model.peopleHint),
                    Markup.fieldError(model.error("involvedPersonIds"), for: "involvedPersonIds"),
                    Markup.el("ul", [("class", "people-list"), ("id", "involvedPersonIds")],
                              model.involved.map(person) + model.fixed.map { Markup.el("li", [("class", "fixed")], text: $0) } + model.others.map(person)),
                    PeopleSearchControls.render(label: model.searchLabel, query: model.search, find: model.searchButton, browse: model.browseButton,
                                                listed: model.listed),
                ]),
                Markup.button(model.submit, [("class", "primary")]),
            ]),
        ]
    }

    private func person(_ person: CorrectEventPageModel.Person) -> BodyNode {
        Markup.el("li", [], [
            Markup.checkbox(name: "involvedPersonIds[]", value: person.id, label: person.name, checked: person.ticked, id: "person-\(person.id)"),
            person.detail.isEmpty ? .empty : Markup.el("span", [("class", "hint")], text: person.detail),
        ])
    }

    private func removal(_ removal: CorrectEventPageModel.Removal) -> BodyNode {
        Markup.el("fieldset", [("class", "removal"), ("id", "removal-\(removal.personID)")], [Markup.el("legend", text: removal.legend)]
            + removal.choices.map { choice in
                let id = "removal-\(removal.personID)-\(choice.value)"
                return Markup.el("label", [("class", "radio"), ("for", id)], [
                    Markup.void("input", [("type", "radio"), ("id", id), ("name", "removal[\(removal.personID)]"), ("value", choice.value)]
                        + (choice.checked ? [("checked", nil)] : [])),
                    Markup.el("span", text: choice.label),
                ])
            })
    }
}
