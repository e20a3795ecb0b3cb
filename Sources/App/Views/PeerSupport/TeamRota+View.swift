@preconcurrency import Plot

struct TeamRotaPageView {
    let model: TeamRotaPageModel

    var main: [BodyNode] {
        [
            Markup.el("p", [], [Markup.link(model.back.0, to: model.back.1)]),
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "muted")], text: model.subtitle),
            Markup.el("h2", text: model.membersHeading),
            model.members.isEmpty
                ? Markup.el("p", [("class", "empty")], text: model.membersEmpty)
                : Markup.el("ul", [("class", "request-facts")], model.members.map { Markup.el("li", text: $0) }),
            Markup.el("h2", text: model.shiftsHeading),
            lines(model.shifts, empty: model.shiftsEmpty),
            model.addShift.map { form in
                Markup.form(to: .addShift(model.teamID), csrf: model.csrf, [("class", "stack")], [
                    Markup.hidden(Markup.submissionField, form.submissionKey),
                    Markup.el("h3", text: form.heading),
                    FormField.select(id: "shift-weekday", name: "weekday", label: form.weekdayLabel, options: form.weekdays),
                    FormField.input("time", id: "shift-start", name: "start", label: form.startLabel, value: "08:00", [("required", nil)]),
                    FormField.input("time", id: "shift-end", name: "end", label: form.endLabel, value: "16:00", hint: form.endHint, [("required", nil)]),
                    FormField.select(id: "shift-supporter", name: "supporterId", label: form.supporterLabel, options: form.supporters),
                    Markup.button(form.button, [("class", "primary")]),
                ])
            } ?? .empty,
            Markup.el("h2", text: model.changesHeading),
            lines(model.changes, empty: model.changesEmpty),
            model.addChange.map { form in
                Markup.form(to: .addRotaChange(model.teamID), csrf: model.csrf, [("class", "stack")], [
                    Markup.hidden(Markup.submissionField, form.submissionKey),
                    Markup.el("h3", text: form.heading),
                    FormField.select(id: "change-kind", name: "kind", label: form.kindLabel, options: form.kinds),
                    FormField.input("datetime-local", id: "change-from", name: "from", label: form.fromLabel, [("required", nil)]),
                    FormField.input("datetime-local", id: "change-to", name: "to", label: form.toLabel, [("required", nil)]),
                    FormField.select(id: "change-supporter", name: "supporterId", label: form.supporterLabel, options: form.supporters,
                                     hint: form.supporterHint),
                    Markup.button(form.button, [("class", "primary")]),
                ])
            } ?? .empty,
        ]
    }

    private func lines(_ lines: [TeamRotaPageModel.Line], empty: String) -> BodyNode {
        lines.isEmpty
            ? Markup.el("p", [("class", "empty")], text: empty)
            : Markup.el("ul", [("class", "cards rota")], lines.map { line in
                Markup.el("li", [], [
                    Markup.el("span", text: line.text),
                    Markup.form(to: line.remove, csrf: model.csrf, [("class", "inline")], [
                        Markup.button(model.removeLabel, [("aria-label", "\(model.removeLabel): \(line.text)")]),
                    ]),
                ])
            })
    }
}
