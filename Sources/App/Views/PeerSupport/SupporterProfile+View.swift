@preconcurrency import Plot

struct SupporterProfilePageView {
    let model: SupporterProfilePageModel

    var main: [BodyNode] {
        [
            model.back.map { Markup.el("p", [], [Markup.link($0.0, to: $0.1)]) } ?? .empty,
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "muted")], text: model.intro),
            Markup.el("p", [], [Markup.el("strong", text: model.load)]),
            Markup.form(to: .supporterProfile(model.supporterID), csrf: model.csrf, [("class", "stack")], [
                Markup.hidden("version", model.version),
                FormField.input("number", id: "profile-cap", name: "cap", label: model.capLabel, value: model.capValue, hint: model.capHint,
                                [("min", "1"), ("max", "10"), ("required", nil), ("inputmode", "numeric")]),
                model.scheme.map { part in
                    Markup.group([
                        Markup.el("fieldset", [], [Markup.el("legend", text: part.teamsLabel)]
                                  + part.teams.map { Markup.checkbox(name: "teams[]", value: $0.id, label: $0.label, checked: $0.checked, id: "team-\($0.id)") }),
                        FormField.select(id: "profile-units", name: "unitsServed[]", label: part.unitsLabel, options: part.units, multiple: true,
                                         hint: part.unitsHint),
                        FormField.input("text", id: "profile-languages", name: "languages", label: part.languagesLabel, value: part.languages,
                                        hint: part.languagesHint, [("maxlength", "60"), ("autocapitalize", "none")]),
                        FormField.input("date", id: "profile-trained", name: "trainedOn", label: part.trainedLabel, value: part.trained),
                        FormField.input("date", id: "profile-supervision", name: "nextSupervisionAt", label: part.supervisionLabel, value: part.supervision),
                    ])
                } ?? .empty,
                Markup.button(model.save, [("class", "primary")]),
            ]),
            Markup.el("h2", text: model.leaveHeading),
            model.leave.isEmpty
                ? Markup.el("p", [("class", "empty")], text: model.leaveEmpty)
                : Markup.el("ul", [("class", "cards")], model.leave.map { line in
                    Markup.el("li", [], [
                        Markup.el("span", text: line.text),
                        Markup.form(to: line.remove, csrf: model.csrf, [("class", "inline")], [
                            Markup.button(model.removeLabel, [("aria-label", "\(model.removeLabel): \(line.text)")]),
                        ]),
                    ])
                }),
            Markup.form(to: .addLeave(model.supporterID), csrf: model.csrf, [("class", "stack")], [
                Markup.hidden(Markup.submissionField, model.addLeave.submissionKey),
                Markup.el("h3", text: model.addLeave.heading),
                Markup.el("p", [("class", "hint")], text: model.addLeave.hint),
                FormField.input("date", id: "leave-from", name: "from", label: model.addLeave.fromLabel, [("required", nil)]),
                FormField.input("date", id: "leave-to", name: "to", label: model.addLeave.toLabel, [("required", nil)]),
                Markup.button(model.addLeave.button, [("class", "primary")]),
            ]),
        ]
    }
}
