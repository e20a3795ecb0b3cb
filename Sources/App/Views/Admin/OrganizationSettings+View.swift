@preconcurrency import Plot

struct OrganizationSettingsPageView {
    let model: OrganizationSettingsPageModel

    var main: [BodyNode] {
        [
            Markup.el("p", [], [Markup.link(model.back, to: .organization, [("class", "back")])]),
            Markup.el("h1", text: model.heading),
            model.notice.map { Markup.el("p", [("class", "notice attention"), ("role", "status")], text: $0) } ?? .empty,
            Markup.form(to: .organizationSettings, csrf: model.csrf, [("class", "stack")], [
                Markup.hidden("version", model.version),
                FormField.input("text", id: "name", name: "name", label: model.name.label, value: model.name.value, [("maxlength", "200"), ("required", nil)]),
                Markup.fieldError(model.name.error, for: "name"),
                FormField.select(id: "country", name: "country", label: model.country.label, options: model.country.options),
                Markup.fieldError(model.country.error, for: "country"),
                FormField.input("text", id: "time-zone", name: "timeZone", label: model.timeZone.label, value: model.timeZone.value, hint: model.timeZone.hint,
                                [("maxlength", "64"), ("required", nil)]),
                Markup.fieldError(model.timeZone.error, for: "time-zone"),
                FormField.select(id: "language", name: "language", label: model.language.label, options: model.language.options),
                Markup.fieldError(model.language.error, for: "language"),
                Markup.button(model.save, [("class", "primary")]),
            ]),
        ]
    }
}
