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
                // People first. The search is the form's first button, so Enter in any field looks for a name
                // and never registers half an event.
                Markup.el("fieldset", [("class", "people")], [
                    Markup.el("legend", text: model.peopleHeading),
                    Markup.el("p", [("class", "hint")], text: model.peopleHint),
                    PeopleSearchControls.render(label: model.searchLabel, query: model.search, find: model.searchButton, browse: model.browseButton,
                                                listed: model.listed),
                    Markup.fieldError(model.error("involvedPersonIds"), for: "involvedPersonIds"),
                    Markup.el("ul", [("class", "people-list"), ("id", "involvedPersonIds")], model.people.map(person)),
                ]),
                Markup.el("fieldset", [], [
                    Markup.el("legend", text: model.whatHeading),
                    Markup.el("div", [("class", "pair")], [
                        Markup.el("div", [], [select("kind", model.kindLabel, model.kinds)]),
                        Markup.el("div", [], [select("severity", model.severityLabel, model.severities)]),
                    ]),
                    select("unitId", model.unitLabel, model.units),
                    field("occurredAt", model.occurredAtLabel, type: "datetime-local", value: model.occurredAt),
                    model.confirmOldDate.map { Markup.checkbox(name: "confirmOldDate", label: $0.label, checked: $0.checked, id: "confirm-old-date") } ?? .empty,
                    Markup.el("label", [("for", "summary")], text: model.summaryLabel),
                    Markup.el("p", [("class", "hint"), ("id", "summary-hint")], text: model.summaryHint),
                    Markup.el("textarea", [("id", "summary"), ("name", "summary"), ("rows", "2"), ("maxlength", "\(EventRules.summaryLimit)")]
                        + invalid("summary", hint: "summary-hint"), text: model.summary),
                    Markup.fieldError(model.error("summary"), for: "summary"),
                ]),
                Markup.el("fieldset", [("class", "checklist")], [Markup.el("legend", text: model.checklistHeading)] + model.checklist.map(yesNo)),
                // Optional details, folded so the form stays short; opened by itself when one of them was refused.
                Markup.el("details", [("class", "more")] + (model.error("incidentReportRef") != nil || model.error("tags") != nil || !model.incidentRef.isEmpty
                                                            || model.asked || model.tags.contains(where: \.selected) ? [("open", nil)] : []), [
                    Markup.el("summary", text: model.moreDetails),
                    Markup.el("label", [("for", "incidentReportRef")], text: model.incidentRefLabel),
                    Markup.el("p", [("class", "hint"), ("id", "ref-hint")], text: model.incidentRefHint),
                    Markup.void("input", [("id", "incidentReportRef"), ("name", "incidentReportRef"), ("value", model.incidentRef),
                                          ("maxlength", "\(EventRules.referenceLimit)")] + invalid("incidentReportRef", hint: "ref-hint")),
                    Markup.fieldError(model.error("incidentReportRef"), for: "incidentReportRef"),
                    Markup.el("fieldset", [("class", "inner")], [Markup.el("legend", text: model.tagsLegend)]
                        + model.tags.map { Markup.checkbox(name: "tags[]", value: $0.value, label: $0.label, checked: $0.selected, id: "tag-\($0.value)") }
                        + [Markup.checkbox(name: "defusingAsked", label: model.askedLabel, checked: model.asked, id: "defusing-asked")]),
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
        YesNoField.node(name: question.name, id: question.name, question: question.question, answer: question.answer, yes: model.yes, no: model.no,
                        error: model.error(question.name))
    }

    /// One line per person: ticking the name names them; "relieve now" beside it.
    private func person(_ person: NewEventPageModel.PersonChoice) -> BodyNode {
        Markup.el("li", [("data-name", person.name)], [
            Markup.el("label", [("class", "check person"), ("for", "involved-\(person.id)")], [
                Markup.void("input", [("type", "checkbox"), ("id", "involved-\(person.id)"), ("name", "involvedPersonIds[]"), ("value", person.id)]
                    + (person.involved ? [("checked", nil)] : [])),
                Markup.el("span", [], [.text(person.name), Markup.el("small", text: " " + person.detail)]),
            ]),
            Markup.el("label", [("class", "check relieve"), ("for", "relieved-\(person.id)")], [
                Markup.void("input", [("type", "checkbox"), ("id", "relieved-\(person.id)"), ("name", "relievedPersonIds[]"), ("value", person.id)]
                    + (person.relieved ? [("checked", nil)] : [])),
                Markup.el("span", text: model.relieveLabel),
            ]),
        ])
    }
}
