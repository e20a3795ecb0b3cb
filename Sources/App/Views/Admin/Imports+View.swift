@preconcurrency import Plot

struct ImportsPageView {
    let model: ImportsPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.lead),
            model.problems.isEmpty ? .empty : Markup.el("section", [("class", "notice attention"), ("aria-labelledby", "problems-heading")], [
                Markup.el("h2", [("id", "problems-heading")], text: model.problemsHeading),
                Markup.el("p", [], text: model.problemsLead),
                Markup.el("ul", [("class", "problems")], model.problems.map { Markup.el("li", text: $0) }),
            ]),
            model.last.map { Markup.el("p", [("class", "muted")], text: $0) } ?? .empty,
        ] + model.uploads.map(upload) + [
            Markup.el("p", [], [Markup.link(model.settingsLink, to: .importSettings)]),
        ]
    }

    private func upload(_ upload: ImportsPageModel.Upload) -> BodyNode {
        Markup.el("section", [("class", "card")], [
            Markup.el("h2", text: upload.heading),
            Markup.form(to: .imports, csrf: model.csrf, [("enctype", "multipart/form-data"), ("class", "stack")], [
                Markup.hidden("kind", upload.kind),
                FormField.input("file", id: upload.fieldID, name: "file", label: model.fileLabel, hint: upload.hint,
                                [("accept", ".csv,text/csv"), ("required", nil)]),
                Markup.fieldError(model.error?.kind == upload.kind ? model.error?.text : nil, for: upload.fieldID),
                Markup.button(model.check),
            ]),
        ])
    }
}
