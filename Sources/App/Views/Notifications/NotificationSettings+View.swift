@preconcurrency import Plot

struct NotificationSettingsPageView {
    let model: NotificationSettingsPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            FormErrorSummary(heading: model.errorSummaryHeading, errors: model.errors).node,
            Markup.el("p", [("class", "lead")], text: model.intro),
            model.mailUnavailable.map { Markup.el("p", [("class", "muted")], text: $0) } ?? .empty,
            Markup.form(to: .notificationSettings, csrf: model.csrf, [("class", "stack")], [
                Markup.el("label", [("for", "emailAddress")], text: model.emailLabel),
                Markup.el("p", [("class", "hint"), ("id", "emailAddress-hint")], text: model.emailHint),
                Markup.void("input", [("id", "emailAddress"), ("name", "emailAddress"), ("type", "email"), ("autocomplete", "email"),
                                      ("maxlength", "254"), ("value", model.emailAddress)] + described("emailAddress", hint: "emailAddress-hint")),
                Markup.fieldError(model.error("emailAddress"), for: "emailAddress"),
                Markup.checkbox(name: "emailEnabled", label: model.emailEnabledLabel, checked: model.emailEnabled, id: "emailEnabled"),
                Markup.el("fieldset", [("class", "quiet-hours")], [
                    Markup.el("legend", text: model.quietLegend),
                    Markup.el("p", [("class", "hint"), ("id", "quiet-hint")], text: model.quietHint),
                    Markup.el("div", [("class", "time-pair")], [
                        timeField("quietStart", model.quietStartLabel, model.quietStart),
                        timeField("quietEnd", model.quietEndLabel, model.quietEnd),
                    ]),
                ]),
                model.onCallNote.map { Markup.el("p", [("class", "hint")], text: $0) } ?? .empty,
                Markup.button(model.submit, [("class", "primary")]),
            ]),
        ]
    }

    private func timeField(_ name: String, _ label: String, _ value: String) -> BodyNode {
        Markup.el("div", [], [
            Markup.el("label", [("for", name)], text: label),
            Markup.void("input", [("id", name), ("name", name), ("type", "time"), ("value", value)] + described(name, hint: "quiet-hint")),
            Markup.fieldError(model.error(name), for: name),
        ])
    }

    private func described(_ field: String, hint: String) -> [(String, String?)] {
        let failed = model.error(field) != nil
        return (failed ? [("aria-invalid", "true")] : []) + [("aria-describedby", ([hint] + (failed ? ["\(field)-error"] : [])).joined(separator: " "))]
    }
}
