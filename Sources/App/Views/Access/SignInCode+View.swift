@preconcurrency import Plot

struct SignInCodePageView {
    let model: SignInCodePageModel

    var main: [BodyNode] {
        let invalid: [(String, String?)] = model.error == nil ? [] : [("aria-invalid", "true"), ("aria-describedby", "code-error")]
        return [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.lead),
            model.enrolment.map { enrolment in
                Markup.el("ol", [("class", "steps")], [
                    Markup.el("li", text: enrolment.steps[0]),
                    Markup.el("li", [], [
                        Markup.el("span", text: enrolment.steps[1] + " "),
                        Markup.el("a", [("href", enrolment.link)], text: enrolment.linkLabel),
                        Markup.el("p", [], [Markup.el("span", text: enrolment.keyLabel + " "),
                                            Markup.el("code", [("class", "secret-key")], text: enrolment.key)]),
                    ]),
                    Markup.el("li", text: enrolment.steps[2]),
                ])
            } ?? .empty,
            model.error.map { Markup.el("p", [("class", "field-error"), ("id", "code-error"), ("role", "alert")], text: $0) } ?? .empty,
            Markup.form(to: .signInCode, csrf: model.csrf, [("class", "stack")], (model.next.map { [Markup.hidden("next", $0)] } ?? []) + [
                FormField.input("text", id: "code", name: "code", label: model.codeLabel, hint: model.codeHint,
                                [("autocomplete", "one-time-code"), ("autocapitalize", "none"), ("spellcheck", "false"), ("required", nil),
                                 ("maxlength", "20")] + invalid),
                Markup.button(model.submit, [("class", "primary")]),
            ]),
        ]
    }
}
