@preconcurrency import Plot

struct ImportSettingsPageView {
    let model: ImportSettingsPageModel

    var main: [BodyNode] {
        [
            Markup.el("p", [], [Markup.link(model.back, to: .imports, [("class", "back")])]),
            Markup.el("h1", text: model.heading),
            Markup.el("section", [("class", "card")], [
                Markup.el("h2", text: model.columnsHeading),
                Markup.el("p", [], text: model.columnsLead),
                model.columnsError.map { Markup.el("p", [("class", "field-error"), ("role", "alert")], text: $0) } ?? .empty,
                Markup.form(to: .importSettings, csrf: model.csrf, [("class", "stack")], [
                    fieldset(model.unitsHeading, model.unitColumns),
                    fieldset(model.peopleHeading, model.peopleColumns),
                    Markup.button(model.saveColumns),
                ]),
            ]),
            Markup.el("section", [("class", "card")], [
                Markup.el("h2", text: model.titlesHeading),
                Markup.el("p", [], text: model.titlesLead),
                model.titles.isEmpty ? Markup.el("p", [("class", "empty")], text: model.noTitles)
                    : Markup.el("ul", [], model.titles.map { title in
                        Markup.el("li", [], [
                            Markup.el("span", text: title.text),
                            Markup.form(to: title.remove, csrf: model.csrf, [("class", "inline")], [Markup.button(model.remove, [("class", "secondary")])]),
                        ])
                    }),
                Markup.form(to: .addTitleMapping, csrf: model.csrf, [("class", "stack")], [
                    FormField.input("text", id: "hr-title", name: "title", label: model.titleLabel, value: model.titleValue, [("maxlength", "200"), ("required", nil)]),
                    Markup.fieldError(model.titleError, for: "hr-title"),
                    FormField.select(id: "profession", name: "profession", label: model.professionLabel, options: model.professions),
                    Markup.button(model.add),
                ]),
            ]),
        ]
    }

    private func fieldset(_ legend: String, _ columns: [ImportSettingsPageModel.Column]) -> BodyNode {
        Markup.el("fieldset", [], [Markup.el("legend", text: legend)] + columns.map { column in
            FormField.input("text", id: column.id, name: column.name, label: column.label, value: column.value, [("maxlength", "100"), ("required", nil)])
        })
    }
}
