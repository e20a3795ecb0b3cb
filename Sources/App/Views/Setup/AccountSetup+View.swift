@preconcurrency import Plot

struct AccountSetupPageView {
    let model: AccountSetupPageModel

    var main: [BodyNode] {
        let invalid: [(String, String?)] = model.errors.isEmpty ? [] : [("aria-invalid", "true")]
        return [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.lead),
            model.errors.isEmpty ? .empty : Markup.el("div", [("class", "error-summary"), ("role", "alert"), ("tabindex", "-1")], [
                Markup.el("h2", text: model.errorHeading),
                Markup.el("ul", [], model.errors.map { Markup.el("li", text: $0) }),
            ]),
            model.form.map { form in
                Markup.form(to: .accountSetup(form.token), csrf: form.csrf, [("class", "stack")], [
                    // For password managers: the account the new password belongs to.
                    FormField.input("text", id: "username", name: "username", label: form.usernameLabel, value: form.username,
                                    [("autocomplete", "username"), ("readonly", nil)]),
                    FormField.input("password", id: "password", name: "password", label: form.passwordLabel, hint: form.passwordHint,
                                    [("autocomplete", "new-password"), ("required", nil)] + invalid),
                    FormField.input("password", id: "confirmation", name: "confirmation", label: form.confirmationLabel,
                                    [("autocomplete", "new-password"), ("required", nil)] + invalid),
                    Markup.button(form.submit, [("class", "primary")]),
                ])
            } ?? .empty,
        ]
    }
}
