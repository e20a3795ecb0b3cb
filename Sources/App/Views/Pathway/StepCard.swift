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
}

enum StepCard {
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
        if let route = step.actionRoute, !step.actions.isEmpty {
            children.append(Markup.el("div", [("class", "actions")], step.actions.map { action in
                Markup.form(to: route, csrf: csrf, [], [
                    Markup.hidden("status", action.status),
                    Markup.hidden("version", "\(step.version)"),
                    Markup.button(action.label, action.isPrimary ? [("class", "primary")] : []),
                ])
            }))
        }
        return Markup.el("li", [("class", "step \(step.statusClass)" + (step.overdueLabel == nil ? "" : " is-overdue")), ("id", "step-\(step.key)")], children)
    }
}
