@preconcurrency import Plot

struct EventDetailPageView {
    let model: EventDetailPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("dl", [("class", "facts")], model.facts.flatMap { [Markup.el("dt", text: $0.label), Markup.el("dd", text: $0.value)] }),
            Markup.el("p", [("class", "summary")], text: model.summary),
            model.correct.map { Markup.el("p", [("class", "correct-link")], [Markup.link($0.label, to: $0.route)]) } ?? .empty,
            model.defusing.map { Markup.el("p", [("class", "recommended")], text: $0) } ?? .empty,
            model.defusingSection.map { section in
                Markup.el("section", [("class", "defusing"), ("aria-labelledby", "defusing-heading")], [
                    Markup.el("h2", [("id", "defusing-heading")], text: section.heading),
                    section.tookPart.map { Markup.el("p", text: $0) } ?? .empty,
                    section.waiting.map { Markup.el("p", text: $0) } ?? .empty,
                    section.hold.map { Markup.link($0.label, to: $0.route, [("class", "button primary")]) } ?? .empty,
                ])
            } ?? .empty,
            model.review.map { review in
                Markup.el("p", [("class", "review-link")], [.text(review.text + " "), Markup.link(review.label, to: review.route)])
            } ?? .empty,
            Markup.el("h2", text: model.checklistHeading),
            Markup.el("dl", [("class", "facts")], model.checklist.flatMap { [Markup.el("dt", text: $0.question), Markup.el("dd", text: $0.answer)] }),
            Markup.el("h2", text: model.peopleHeading),
            model.peopleHidden.map { Markup.el("p", [("class", "muted")], text: $0) } ?? .empty,
            Markup.el("ul", [("class", "cards involved")], model.people.map { person in
                Markup.el("li", [("class", "pathway-summary")], [
                    Markup.el("h3", text: person.name),
                    Markup.el("ol", [("class", "mini-steps")], person.steps.map { step in
                        Markup.el("li", [("class", step.statusClass + (step.overdue ? " is-overdue" : ""))], [
                            .text(step.title + " — "),
                            Markup.el("span", [("class", "badge \(step.statusClass)")], text: step.status),
                            step.overdue ? Markup.el("strong", [("class", "overdue")], text: " " + model.overdueLabel) : .empty,
                        ])
                    }),
                    person.caseRoute.map { Markup.link(model.openCaseLabel, to: $0, [("class", "button")]) } ?? .empty,
                ])
            }),
        ]
    }
}
