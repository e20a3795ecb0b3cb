@preconcurrency import Plot

struct RequestSupportPageView {
    let model: RequestSupportPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.intro),
            Markup.form(to: .requestSupport, csrf: model.csrf, [("class", "stack")], [
                Markup.hidden(Markup.submissionField, model.submissionKey),
                Markup.checkbox(name: "involveLeader", label: model.involveLeaderLabel, checked: false, id: "involve-leader"),
                Markup.checkbox(name: "outsideUnit", label: model.outsideUnitLabel, checked: false, id: "outside-unit"),
                Markup.el("p", [("class", "muted")], text: model.privacyNote),
                Markup.button(model.submit, [("class", "primary")]),
            ]),
            Markup.el("p", [("class", "crisis")], text: model.crisisText),
        ]
    }
}
