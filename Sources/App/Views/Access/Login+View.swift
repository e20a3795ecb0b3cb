@preconcurrency import Plot

struct LoginPageView {
    let model: LoginPageModel

    var main: [BodyNode] {
        let errorAttributes: [(String, String?)] = model.error == nil ? [] : [("aria-invalid", "true"), ("aria-describedby", "login-error")]
        return [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.intro),
            model.error.map { Markup.el("p", [("class", "field-error"), ("id", "login-error"), ("role", "alert")], text: $0) } ?? .empty,
            model.singleSignOn.isEmpty ? .empty : Markup.el("ul", [("class", "plain single-sign-on")], model.singleSignOn.map { provider in
                Markup.el("li", [], [Markup.el("a", [("href", provider.path), ("class", "button primary")], text: provider.label)])
            }),
            model.singleSignOn.isEmpty ? .empty : Markup.el("p", [("class", "muted")], text: model.orPassword),
            Markup.form(to: .login, csrf: model.csrf, [("class", "stack")], (model.next.map { [Markup.hidden("next", $0)] } ?? []) + [
                Markup.el("label", [("for", "username")], text: model.usernameLabel),
                Markup.void("input", [("id", "username"), ("name", "username"), ("autocomplete", "username"), ("required", nil),
                                      ("value", model.username), ("autocapitalize", "none")] + errorAttributes),
                Markup.el("label", [("for", "password")], text: model.passwordLabel),
                Markup.void("input", [("id", "password"), ("name", "password"), ("type", "password"),
                                      ("autocomplete", "current-password"), ("required", nil)] + errorAttributes),
                Markup.button(model.submit, [("class", "primary")]),
            ]),
            Markup.el("section", [("class", "login-help"), ("aria-labelledby", "login-help-heading")], [
                Markup.el("h2", [("id", "login-help-heading")], text: model.helpHeading),
                Markup.el("p", text: model.crisisText),
                Markup.group(model.crisisNumbers.map { group in
                    Markup.group([
                        group.heading.map { Markup.el("h3", text: $0) } ?? .empty,
                        Markup.el("ul", [("class", "plain crisis-numbers")], group.numbers.map { entry in
                            Markup.el("li", [], [
                                Markup.el("span", text: entry.label + " "),
                                Markup.el("a", [("href", "tel:" + entry.number.filter { $0.isNumber || $0 == "+" }), ("class", "button")], text: entry.number),
                            ])
                        }),
                    ])
                }),
                model.forgotten.isEmpty ? .empty : Markup.el("p", [], [Markup.link(model.forgotten, to: .passwordReset)]),
                Markup.el("p", text: model.passwordHelp),
            ]),
        ]
    }
}
