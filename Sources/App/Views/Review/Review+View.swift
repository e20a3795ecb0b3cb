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
        ] + (model.editable ? forms : [])
    }

    /// What only the quality advisor does here: conclude, record the meeting with the family, add proposals.
    private var forms: [BodyNode] {
        [
            Markup.el("h2", text: model.conclusion.heading),
            Markup.form(to: .concludeReview(model.reviewID), csrf: model.csrf, [("class", "stack")], [
                FormField.select(id: "review-conclusion", name: "conclusion", label: model.conclusion.label, options: model.conclusion.options),
                Markup.button(model.conclusion.submit),
            ]),
            Markup.el("h2", text: model.family.heading),
            Markup.el("p", [("class", "hint")], text: model.family.explanation),
            Markup.form(to: .recordFamilyMeeting(model.reviewID), csrf: model.csrf, [("class", "stack")], [
                FormField.input("datetime-local", id: "family-held", name: "heldAt", label: model.family.heldAtLabel, [("required", nil)]),
                Markup.el("fieldset", [], [Markup.el("legend", text: model.family.kindLegend)] + model.family.kinds.map { kind in
                    Markup.el("label", [("class", "check"), ("for", "family-kind-\(kind.value)")], [
                        Markup.void("input", [("type", "radio"), ("id", "family-kind-\(kind.value)"), ("name", "kind"), ("value", kind.value)]
                                    + (kind.checked ? [("checked", nil)] : [])),
                        Markup.el("span", text: kind.label),
                    ])
                }),
                Markup.el("fieldset", [], [Markup.el("legend", text: model.family.rolesLegend)] + model.family.roles.map {
                    Markup.checkbox(name: "roles[]", value: $0.value, label: $0.label, checked: false, id: "family-role-\($0.value)")
                }),
                FormField.input("text", id: "family-support", name: "supportPerson", label: model.family.supportLabel, hint: model.family.supportHint,
                                [("autocomplete", "off"), ("autocapitalize", "none")]),
                model.family.proposalsLegend.map { legend in
                    Markup.el("fieldset", [], [Markup.el("legend", text: legend)] + model.family.adopted.map {
                        Markup.checkbox(name: "proposals[]", value: $0.id, label: $0.text, checked: false, id: "family-proposal-\($0.id)")
                    })
                } ?? .empty,
                Markup.button(model.family.submit, [("class", "primary")]),
            ]),
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
