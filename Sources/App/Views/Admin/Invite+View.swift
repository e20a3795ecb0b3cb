@preconcurrency import Plot

struct InvitePageView {
    let model: InvitePageModel

    var main: [BodyNode] {
        [
            Markup.el("p", [], [Markup.link(model.back, to: .people, [("class", "back")])]),
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.lead),
            model.errors.isEmpty ? .empty : Markup.el("div", [("class", "error-summary"), ("role", "alert"), ("tabindex", "-1")], [
                Markup.el("h2", text: model.errorHeading),
                Markup.el("ul", [], model.errors.map { Markup.el("li", text: $0) }),
            ]),
            model.showsForm ? Markup.form(to: .invitePerson(model.personID), csrf: model.csrf, [("class", "stack")], [
                FormField.input("text", id: "username", name: "username", label: model.usernameLabel, value: model.username, hint: model.usernameHint,
                                [("autocapitalize", "none"), ("required", nil), ("maxlength", "64")]),
                FormField.input("email", id: "email", name: "email", label: model.emailLabel, value: model.email, [("required", nil), ("maxlength", "254")]),
                Markup.button(model.submit, [("class", "primary")]),
            ]) : .empty,
        ]
    }
}
