@preconcurrency import Plot

struct ReviewPageView {
    let model: ReviewPageModel

    var main: [BodyNode] {
        [
            Markup.el("p", [], [Markup.link(model.back.0, to: model.back.1)]),
            Markup.el("h1", text: model.heading),
            Markup.el("ul", [("class", "request-facts")], model.facts.map { Markup.el("li", text: $0) }),
            Markup.el("h2", text: model.proposalsHeading),
            model.proposals.isEmpty
                ? Markup.el("p", [("class", "empty")], text: model.empty)
                : Markup.el("ul", [("class", "cards proposals")], model.proposals.enumerated().map { index, proposal in
                    Markup.el("li", [("class", proposal.overdue ? "proposal is-overdue" : "proposal")], [
                        Markup.el("p", [], [Markup.el("strong", text: proposal.text)]),
                        Markup.el("p", [("class", "muted")], text: proposal.byline),
                        Markup.el("p", [("class", proposal.overdue ? "overdue" : "due")], text: proposal.status),
                        proposal.reason.map { Markup.el("p", text: $0) } ?? .empty,
                        proposal.answerForm.map { form in
                            Markup.form(to: form.route, csrf: model.csrf, [("class", "stack")], [
                                Markup.hidden("version", form.version),
                                FormField.select(id: "answer-\(index)", name: "answer", label: form.answerLabel, options: form.answers),
                                Markup.el("label", [("for", "reason-\(index)")], text: form.reasonLabel),
                                Markup.el("p", [("class", "hint"), ("id", "reason-\(index)-hint")], text: form.reasonHint),
                                Markup.el("textarea", [("id", "reason-\(index)"), ("name", "reason"), ("rows", "3"), ("maxlength", "1000"),
                                                       ("aria-describedby", "reason-\(index)-hint")], text: ""),
                                Markup.button(form.submit, [("class", "primary")]),
                            ])
                        } ?? .empty,
                    ])
                }),
            Markup.form(to: .addProposal(model.reviewID), csrf: model.csrf, [("class", "stack")], [
                Markup.hidden(Markup.submissionField, model.submissionKey),
                Markup.el("h3", text: model.addHeading),
                Markup.el("label", [("for", "proposal-text")], text: model.textLabel),
                Markup.el("p", [("class", "hint"), ("id", "proposal-text-hint")], text: model.textHint),
                Markup.el("textarea", [("id", "proposal-text"), ("name", "text"), ("rows", "3"), ("maxlength", "1000"), ("required", nil),
                                       ("aria-describedby", "proposal-text-hint")], text: ""),
                FormField.input("text", id: "proposal-by", name: "proposedBy", label: model.proposedByLabel, hint: model.proposedByHint,
                                [("required", nil), ("autocomplete", "off"), ("autocapitalize", "none")]),
                Markup.button(model.addSubmit, [("class", "primary")]),
            ]),
        ]
    }
}
