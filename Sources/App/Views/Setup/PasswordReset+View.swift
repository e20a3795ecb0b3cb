@preconcurrency import Plot

struct PasswordResetPageView {
    let model: PasswordResetPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            model.sent.map { Markup.el("p", [("class", "flash success"), ("role", "status")], text: $0) } ?? Markup.el("p", [("class", "lead")], text: model.lead),
            model.showsForm ? Markup.form(to: .passwordReset, csrf: model.csrf, [("class", "stack")], [
                FormField.input("text", id: "username", name: "username", label: model.usernameLabel,
                                [("autocomplete", "username"), ("autocapitalize", "none"), ("required", nil), ("maxlength", "200")]),
                Markup.button(model.submit, [("class", "primary")]),
            ]) : .empty,
            Markup.el("p", [], [Markup.link(model.back, to: .login, [("class", "back")])]),
        ]
    }
}
