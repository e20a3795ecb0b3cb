@preconcurrency import Plot

struct PersonAdminPageView {
    let model: PersonAdminPageModel

    var main: [BodyNode] {
        [
            Markup.el("p", [], [Markup.link(model.back, to: .people, [("class", "back")])]),
            Markup.el("h1", text: model.heading),
            model.notice.map { Markup.el("p", [("class", "notice attention"), ("role", "status")], text: $0) } ?? .empty,
            Markup.el("p", [("class", "muted")], text: model.facts.joined(separator: " · ")),
            model.ownAccess.map { Markup.el("p", [("class", "hint")], text: $0) } ?? .empty,
            model.invite.map { Markup.el("p", [], [Markup.link($0.label, to: $0.route)]) } ?? .empty,
            model.access.map(access) ?? .empty,
            Markup.el("section", [("class", "card")], [
                Markup.el("p", [], text: model.state.text),
                model.state.button.map { label in
                    Markup.form(to: model.state.route, csrf: model.csrf, [], [
                        Markup.hidden("active", model.state.value), Markup.hidden("version", model.state.version), Markup.button(label),
                    ])
                } ?? .empty,
            ]),
        ]
    }

    private func access(_ access: PersonAdminPageModel.Access) -> BodyNode {
        Markup.el("section", [("class", "card")], [
            Markup.el("h2", text: access.heading),
            access.hrScopes.map { Markup.el("p", [], text: $0) } ?? .empty,
            access.editable
                ? Markup.form(to: access.route, csrf: model.csrf, [("class", "stack")], [
                    Markup.hidden("version", access.version),
                    Markup.el("fieldset", [], [Markup.el("legend", text: access.rolesLegend)] + access.roles.map { role in
                        Markup.checkbox(name: "roles[]", value: role.value, label: role.label, checked: role.checked, id: "role-\(role.value)")
                    }),
                    FormField.select(id: "scope", name: "scopes[]", label: access.scopeLabel, options: access.units, multiple: true, hint: access.scopeHint),
                    Markup.button(access.save, [("class", "primary")]),
                ])
                : Markup.el("ul", [], access.roles.filter(\.checked).map { Markup.el("li", text: $0.label) }),
        ])
    }
}
