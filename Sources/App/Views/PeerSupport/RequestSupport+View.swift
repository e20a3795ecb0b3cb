import Domain
@preconcurrency import Plot

struct RequestSupportPageView {
    let model: RequestSupportPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.intro),
            FormErrorSummary(heading: model.errorHeading, errors: model.problem.map { [("reach", $0)] } ?? []).node,
            Markup.form(to: .requestSupport, csrf: model.csrf, [("class", "stack")], [
                Markup.hidden(Markup.submissionField, model.submissionKey),
                Markup.checkbox(name: "involveLeader", label: model.involveLeaderLabel, checked: false, id: "involve-leader"),
                Markup.checkbox(name: "outsideUnit", label: model.outsideUnitLabel, checked: false, id: "outside-unit"),
                Markup.el("fieldset", [("id", "reach"), ("class", "inner"), ("aria-describedby", "reach-hint")], [
                    Markup.el("legend", text: model.reachLegend),
                    Markup.el("p", [("class", "hint"), ("id", "reach-hint")], text: model.reachHint),
                    Markup.fieldError(model.problem, for: "reach"),
                ] + model.reachOptions.map { option in
                    Markup.el("label", [("class", "radio"), ("for", "reach-\(option.value)")], [
                        Markup.void("input", [("type", "radio"), ("id", "reach-\(option.value)"), ("name", "reachBy"), ("value", option.value)]
                                    + (option.checked ? [("checked", nil)] : [])),
                        Markup.el("span", text: option.label),
                    ])
                } + [
                    FormField.input("text", id: "reach-at", name: "reachAt", label: model.reachAtLabel, value: model.reachAt,
                                    [("maxlength", "\(Reach.maxLength)"), ("autocomplete", "off")]),
                ]),
                Markup.el("p", [("class", "muted")], text: model.privacyNote),
                Markup.button(model.submit, [("class", "primary")]),
            ]),
            CrisisLine.node(model.crisisText, numbers: model.crisisNumbers),
        ]
    }
}
