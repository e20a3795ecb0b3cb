import Domain
@preconcurrency import Plot

struct NewEventPageView {
    let model: NewEventPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.intro),
            FormErrorSummary(heading: model.errorSummaryHeading, errors: model.errors).node,
            Markup.form(to: .newEvent, csrf: model.csrf, [("class", "stack event-form"), ("novalidate", nil)], [
                Markup.hidden(Markup.submissionField, model.submissionKey),
                Markup.el("fieldset", [], [
                    Markup.el("legend", text: model.whatHeading),
                    select("kind", model.kindLabel, model.kinds),
                    select("severity", model.severityLabel, model.severities),
                    select("unitId", model.unitLabel, model.units),
                    field("occurredAt", model.occurredAtLabel, type: "datetime-local", value: model.occurredAt),
                    model.confirmOldDate.map { Markup.checkbox(name: "confirmOldDate", label: $0.label, checked: $0.checked, id: "confirm-old-date") } ?? .empty,
                    Markup.el("label", [("for", "summary")], text: model.summaryLabel),
                    Markup.el("p", [("class", "hint"), ("id", "summary-hint")], text: model.summaryHint),
                    Markup.el("textarea", [("id", "summary"), ("name", "summary"), ("rows", "4"), ("maxlength", "\(EventRules.summaryLimit)")]
                        + invalid("summary", hint: "summary-hint"), text: model.summary),
                    Markup.fieldError(model.error("summary"), for: "summary"),
                    Markup.el("label", [("for", "incidentReportRef")], text: model.incidentRefLabel),
                    Markup.el("p", [("class", "hint"), ("id", "ref-hint")], text: model.incidentRefHint),
                    Markup.void("input", [("id", "incidentReportRef"), ("name", "incidentReportRef"), ("value", model.incidentRef),
                                          ("maxlength", "\(EventRules.referenceLimit)")] + invalid("incidentReportRef", hint: "ref-hint")),
                    Markup.fieldError(model.error("incidentReportRef"), for: "incidentReportRef"),
                    Markup.el("fieldset", [("class", "inner")], [Markup.el("legend", text: model.tagsLegend)]
                        + model.tags.map { Markup.checkbox(name: "tags[]", value: $0.value, label: $0.label, checked: $0.selected, id: "tag-\($0.value)") }
                        + [Markup.checkbox(name: "defusingAsked", label: model.askedLabel, checked: model.asked, id: "defusing-asked")]),
                ]),
                Markup.el("fieldset", [], [Markup.el("legend", text: model.checklistHeading)] + model.checklist.map(yesNo)),
                Markup.el("fieldset", [("class", "people")], [
                    Markup.el("legend", text: model.peopleHeading),
                    Markup.el("p", [("class", "hint")], text: model.peopleHint),
                    Markup.fieldError(model.error("involvedPersonIds"), for: "involvedPersonIds"),
                    Markup.el("ul", [("class", "people-list"), ("id", "involvedPersonIds")], model.people.map(person)),
                ]),
                Markup.button(model.submit, [("class", "primary")]),
            ]),
        ]
    }

    /// Links a field to its hint and, when it was rejected, to its error, so screen readers read both.
    private func invalid(_ field: String, hint: String? = nil) -> [(String, String?)] {
        let failed = model.error(field) != nil
        let described = [hint, failed ? "\(field)-error" : nil].compactMap { $0 }
        return (failed ? [("aria-invalid", "true")] : []) + (described.isEmpty ? [] : [("aria-describedby", described.joined(separator: " "))])
    }

    private func select(_ name: String, _ label: String, _ options: [NewEventPageModel.Option]) -> BodyNode {
        Markup.group([
            Markup.el("label", [("for", name)], text: label),
            Markup.el("select", [("id", name), ("name", name), ("required", nil)] + invalid(name), options.map { option in
                Markup.el("option", [("value", option.value)] + (option.selected ? [("selected", nil)] : []), text: option.label)
            }),
            Markup.fieldError(model.error(name), for: name),
        ])
    }

    private func field(_ name: String, _ label: String, type: String, value: String) -> BodyNode {
        Markup.group([
            Markup.el("label", [("for", name)], text: label),
            Markup.void("input", [("id", name), ("name", name), ("type", type), ("value", value), ("required", nil)] + invalid(name)),
            Markup.fieldError(model.error(name), for: name),
        ])
    }

    private func yesNo(_ question: NewEventPageModel.YesNo) -> BodyNode {
        func radio(_ value: Bool, _ label: String) -> BodyNode {
            let id = "\(question.name)-\(value ? "yes" : "no")"
            return Markup.el("label", [("class", "radio"), ("for", id)], [
                Markup.void("input", [("type", "radio"), ("id", id), ("name", question.name), ("value", value ? "true" : "false")]
                    + (question.answer == value ? [("checked", nil)] : [])),
                Markup.el("span", text: label),
            ])
        }
        return Markup.el("fieldset", [("class", "yes-no"), ("id", question.name)], [
            Markup.el("legend", text: question.question),
            radio(true, model.yes),
            radio(false, model.no),
            Markup.fieldError(model.error(question.name), for: question.name),
        ])
    }

    private func person(_ person: NewEventPageModel.PersonChoice) -> BodyNode {
        Markup.el("li", [], [
            Markup.el("span", [("class", "person-name")], [.text(person.name), Markup.el("small", text: " " + person.detail)]),
            Markup.checkbox(name: "involvedPersonIds[]", value: person.id, label: model.involvedLabel, checked: person.involved, id: "involved-\(person.id)"),
            Markup.checkbox(name: "relievedPersonIds[]", value: person.id, label: model.relieveLabel, checked: person.relieved, id: "relieved-\(person.id)"),
        ])
    }
}
