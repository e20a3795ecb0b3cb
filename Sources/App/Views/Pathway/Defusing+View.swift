@preconcurrency import Plot

struct DefusingPageView {
    let model: DefusingPageModel

    var main: [BodyNode] {
        [
            Markup.el("p", [], [Markup.link(model.back.0, to: model.back.1)]),
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.context),
            Markup.el("details", [("class", "guide")], [
                Markup.el("summary", text: model.guideHeading),
                Markup.el("ul", [], model.guide.map { Markup.el("li", text: $0) }),
                Markup.el("p", [], [Markup.el("strong", text: model.avoidHeading)]),
                Markup.el("ul", [], model.avoid.map { Markup.el("li", text: $0) }),
            ]),
            model.alreadyLabel.map { label in
                Markup.el("p", [("class", "muted")], text: "\(label) \(model.alreadyTookPart.joined(separator: ", "))")
            } ?? .empty,
            FormErrorSummary(heading: model.errorSummaryHeading, errors: model.errors).node,
            model.everyoneTookPart.map { Markup.el("p", [("class", "empty")], text: $0) } ?? form,
            model.recorded.isEmpty ? .empty : Markup.el("section", [("class", "defusing-recorded"), ("id", "recorded")], [
                Markup.el("h2", text: model.recordedHeading),
            ] + model.recorded.map { conversation in
                Markup.el("article", [("class", "card")], [
                    Markup.el("h3", text: conversation.title),
                    conversation.facts.isEmpty ? .empty : Markup.el("ol", [("class", "timeline")], conversation.facts.map { Markup.el("li", text: $0) }),
                    Markup.el("p", text: conversation.reminders),
                    Markup.el("ul", [("class", "answers")], conversation.answers.map { Markup.el("li", text: $0) }),
                ])
            }),
        ]
    }

    private var form: BodyNode {
        Markup.form(to: .defusing(model.eventID), csrf: model.csrf, [("class", "stack defusing-form")], [
            Markup.hidden(Markup.submissionField, model.submissionKey),
            FormField.input("datetime-local", id: "heldAt", name: "heldAt", label: model.heldAtLabel, value: model.heldAt, [("required", nil)]),
            FormField.input("number", id: "durationMinutes", name: "durationMinutes", label: model.durationLabel, value: model.duration,
                            hint: model.durationHint, [("min", "1"), ("max", "240"), ("required", nil), ("inputmode", "numeric")]),
            Markup.el("fieldset", [("class", "people"), ("id", "participants")], [
                Markup.el("legend", text: model.peopleLegend),
                Markup.el("p", [("class", "hint")], text: model.peopleHint),
            ] + model.people.map(person)),
            Markup.el("fieldset", [("id", "timeline")], [
                Markup.el("legend", text: model.timelineLegend),
                Markup.el("p", [("class", "hint")], text: model.timelineHint),
            ] + model.rows.map(row)),
            Markup.el("fieldset", [], [Markup.el("legend", text: model.remindersLegend)] + model.reminders.map { reminder in
                Markup.checkbox(name: "reminders[]", value: reminder.value, label: reminder.label, checked: reminder.checked, id: "reminder-\(reminder.value)")
            }),
            Markup.button(model.submit, [("class", "primary")]),
        ])
    }

    private func person(_ person: DefusingPageModel.Person) -> BodyNode {
        Markup.el("fieldset", [("class", "inner participant")], [
            Markup.el("legend", text: person.name),
            Markup.checkbox(name: "took[]", value: person.id, label: model.tookLabel, checked: person.took, id: "took-\(person.id)"),
            question(.colleague, person, model.colleagueLabel, person.colleague),
            question(.needsHelp, person, model.needsHelpLabel, person.needsHelp),
            FormField.select(id: "help-kind-\(person.id)", name: "helpKind[\(person.id)]", label: model.helpKindLabel, options: person.helpKinds),
            question(.tonight, person, model.tonightLabel, person.tonight),
        ])
    }

    private func question(_ question: DefusingForm.Question, _ person: DefusingPageModel.Person, _ label: String, _ answer: Bool?) -> BodyNode {
        let id = "\(question.rawValue)-\(person.id)"
        return YesNoField.node(name: "\(question.rawValue)[\(person.id)]", id: id, question: label, answer: answer, yes: model.yes, no: model.no,
                               error: model.errors.first { $0.field == id }?.message)
    }

    private func row(_ row: DefusingPageModel.Row) -> BodyNode {
        Markup.el("div", [("class", "fact-row")], [
            FormField.input("time", id: "factAt-\(row.number)", name: "factAt[\(row.number)]", label: "\(model.timeLabel) \(row.number)", value: row.time),
            FormField.input("text", id: "fact-\(row.number)", name: "fact[\(row.number)]", label: "\(model.factLabel) \(row.number)", value: row.fact,
                            [("maxlength", "200")]),
        ])
    }
}
