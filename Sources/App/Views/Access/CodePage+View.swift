@preconcurrency import Plot

struct CodePageView {
    let model: CodePageModel

    var main: [BodyNode] {
        let invalid: [(String, String?)] = model.error == nil ? [] : [("aria-invalid", "true"), ("aria-describedby", "code-error")]
        let keyboard: [(String, String?)] = model.digitsOnly ? [("inputmode", "numeric")] : [("autocapitalize", "none"), ("spellcheck", "false")]
        return [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.lead),
            model.enrolment.map(\.node) ?? .empty,
            model.error.map { Markup.el("p", [("class", "field-error"), ("id", "code-error"), ("role", "alert")], text: $0) } ?? .empty,
            Markup.form(to: model.route, csrf: model.csrf, [("class", "stack")], (model.next.map { [Markup.hidden("next", $0)] } ?? []) + [
                FormField.input("text", id: "code", name: "code", label: model.codeLabel, hint: model.codeHint,
                                [("autocomplete", "one-time-code")] + keyboard + [("required", nil), ("maxlength", "20")] + invalid),
                Markup.button(model.submit, [("class", "primary")]),
            ]),
        ]
    }
}
