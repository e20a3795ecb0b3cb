@preconcurrency import Plot

struct ReviewsPageView {
    let model: ReviewsPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], text: model.intro),
            Markup.el("h2", text: model.waitingHeading),
            Markup.el("p", [("class", "waiting-summary")], text: model.waitingSummary),
            Markup.el("h2", text: model.rowsHeading),
            model.rows.isEmpty
                ? Markup.el("p", [("class", "empty")], text: model.empty)
                : Markup.el("ul", [("class", "cards reviews")], model.rows.map { row in
                    Markup.el("li", [("class", row.overdue ? "is-overdue" : "")], [
                        Markup.el("a", [("href", row.route.path)], [Markup.el("strong", text: row.title)]),
                        Markup.el("ul", [("class", "reasons")], row.details.map { Markup.el("li", text: $0) }),
                        row.waiting.map { Markup.el("p", [("class", row.overdue ? "overdue" : "due")], text: $0) } ?? .empty,
                    ])
                }),
            Markup.el("h2", text: model.newHeading),
            model.noEvents.map { Markup.el("p", [("class", "empty")], text: $0) } ?? Markup.form(to: .reviews, csrf: model.csrf, [("class", "stack")], [
                Markup.hidden(Markup.submissionField, model.submissionKey),
                FormField.select(id: "review-event", name: "eventId", label: model.eventLabel, options: model.events),
                FormField.input("text", id: "review-facilitator", name: "facilitator", label: model.facilitatorLabel, hint: model.facilitatorHint,
                                [("required", nil), ("autocomplete", "off"), ("autocapitalize", "none")]),
                FormField.input("datetime-local", id: "review-scheduled", name: "scheduledAt", label: model.scheduledLabel, [("required", nil)]),
                Markup.button(model.submit, [("class", "primary")]),
            ]),
        ]
    }
}
