@preconcurrency import Plot

/// One pathway step as display-ready values, shared by the case page and the event page.
struct StepCardModel {
    struct Action {
        let label: String
        let status: String
        let isPrimary: Bool
    }

    let key: String
    let title: String
    let description: String?
    let statusLabel: String
    let statusClass: String
    let dueText: String?
    let overdueLabel: String?
    let recommendation: String?
    let doneText: String?
    let actions: [Action]
    let actionRoute: SiteRoute?
    /// The step's version as shown, sent back with a move.
    let version: Int
    /// For the responsible leader: the record that carries the step out (in touch, a meeting, an adjustment).
    var record: RecordForm? = nil
    /// Taking back "done", for the one who marked it, while that is still possible.
    var undo: (label: String, route: SiteRoute)? = nil
    /// What was recorded for the step, newest first.
    var recorded: [String] = []

    /// A record's form, folded away until opened so the card stays short on a phone.
    struct RecordForm {
        let route: SiteRoute
        let heading: String
        let dateLabel: String?
        let dateValue: String
        let channelLabel: String?
        let channels: [FormField.Option]
        let topicsLegend: String?
        let topics: [(value: String, label: String)]
        let nextLabel: String?
        let kindLabel: String?
        let kinds: [FormField.Option]
        let startLabel: String?
        let reviewLabel: String?
        let submit: String
        /// The form's one-time key: a record sent twice is recorded once.
        var submissionKey: String? = nil
    }
}

enum StepCard {
    private static func recordForm(_ form: StepCardModel.RecordForm, key: String, csrf: String) -> BodyNode {
        var fields: [BodyNode] = []
        if let label = form.dateLabel {
            fields.append(FormField.input("datetime-local", id: "\(key)-date", name: "date", label: label, value: form.dateValue, [("required", nil)]))
        }
        if let label = form.channelLabel { fields.append(FormField.select(id: "\(key)-channel", name: "channel", label: label, options: form.channels)) }
        if let legend = form.topicsLegend {
            fields.append(Markup.el("fieldset", [("class", "inner")], [Markup.el("legend", text: legend)] + form.topics.map {
                Markup.checkbox(name: "topics[]", value: $0.value, label: $0.label, checked: false, id: "\(key)-topic-\($0.value)")
            }))
        }
        if let label = form.nextLabel { fields.append(FormField.input("datetime-local", id: "\(key)-next", name: "nextAt", label: label)) }
        if let label = form.kindLabel { fields.append(FormField.select(id: "\(key)-kind", name: "kind", label: label, options: form.kinds)) }
        if let label = form.startLabel { fields.append(FormField.input("date", id: "\(key)-start", name: "startsOn", label: label, [("required", nil)])) }
        if let label = form.reviewLabel { fields.append(FormField.input("date", id: "\(key)-review", name: "reviewOn", label: label, [("required", nil)])) }
        return Markup.el("details", [("class", "record")], [
            Markup.el("summary", text: form.heading),
            Markup.form(to: form.route, csrf: csrf, [("class", "stack")],
                        (form.submissionKey.map { [Markup.hidden(Markup.submissionField, $0)] } ?? []) + fields + [Markup.button(form.submit, [("class", "primary")])]),
        ])
    }

    static func render(_ step: StepCardModel, csrf: String) -> BodyNode {
        var children: [BodyNode] = [
            Markup.el("div", [("class", "step-head")], [
                Markup.el("h3", text: step.title),
                Markup.el("span", [("class", "badge \(step.statusClass)")], text: step.statusLabel),
            ]),
        ]
        if let description = step.description { children.append(Markup.el("p", [("class", "muted")], text: description)) }
        if let recommendation = step.recommendation { children.append(Markup.el("p", [("class", "recommended")], text: recommendation)) }
        if let due = step.dueText {
            var dueChildren: [BodyNode] = [.text(due)]
            if let overdue = step.overdueLabel { dueChildren.append(Markup.el("strong", [("class", "overdue")], text: " " + overdue)) }
            children.append(Markup.el("p", [("class", "due")], dueChildren))
        }
        if let done = step.doneText { children.append(Markup.el("p", [("class", "done-text")], text: done)) }
        if let undo = step.undo {
            children.append(Markup.form(to: undo.route, csrf: csrf, [("class", "undo")], [
                Markup.hidden("version", "\(step.version)"),
                Markup.button(undo.label),
            ]))
        }
        if let route = step.actionRoute, !step.actions.isEmpty {
            children.append(Markup.el("div", [("class", "actions")], step.actions.map { action in
                Markup.form(to: route, csrf: csrf, [], [
                    Markup.hidden("status", action.status),
                    Markup.hidden("version", "\(step.version)"),
                    Markup.button(action.label, action.isPrimary ? [("class", "primary")] : []),
                ])
            }))
        }
        if !step.recorded.isEmpty {
            children.append(Markup.el("ul", [("class", "recorded")], step.recorded.map { Markup.el("li", text: $0) }))
        }
        if let record = step.record { children.append(recordForm(record, key: step.key, csrf: csrf)) }
        return Markup.el("li", [("class", "step \(step.statusClass)" + (step.overdueLabel == nil ? "" : " is-overdue")), ("id", "step-\(step.key)")], children)
    }
}
