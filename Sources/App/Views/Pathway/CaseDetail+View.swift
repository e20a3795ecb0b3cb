@preconcurrency import Plot

struct CaseDetailPageView {
    let model: CaseDetailPageModel

    var main: [BodyNode] {
        var nodes: [BodyNode] = [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead")], [
                .text(model.subtitle + " · "),
                Markup.el("span", [("class", "case-status")], text: model.statusLabel),
            ]),
        ]
        if let link = model.eventLink { nodes.append(Markup.el("p", [], [Markup.link(link.label, to: link.route)])) }
        if let attention = model.attention {
            nodes.append(Markup.el("p", [("class", "notice attention-signal"), ("role", "status")], text: attention))
        }
        if let form = model.referral {
            nodes.append(Markup.form(to: form.route, csrf: model.csrf, [("class", "stack referral")], [
                Markup.hidden(Markup.submissionField, form.submissionKey),
                Markup.el("h2", text: form.heading),
                FormField.select(id: "referral-service", name: "serviceId", label: form.serviceLabel, options: form.services),
                Markup.checkbox(name: "personAgrees", label: form.agreeLabel, checked: false, id: "referral-person-agrees"),
                Markup.button(form.submit),
            ]))
        }
        if let earlier = model.earlier {
            nodes.append(Markup.el("section", [("class", "earlier-pathways"), ("aria-labelledby", "earlier-heading")], [
                Markup.el("h2", [("id", "earlier-heading")], text: earlier.heading),
                Markup.el("ul", [], earlier.items.map { Markup.el("li", [], [Markup.link($0.label, to: $0.route)]) }),
                model.earlierConsent.map { consent in
                    Markup.form(to: .recordConsent, csrf: model.csrf, [("class", "stack consent")], [
                        Markup.el("p", text: consent.text),
                        Markup.hidden("caseId", consent.caseID),
                        Markup.hidden("kind", "earlier_cases_to_owner"),
                        Markup.button(consent.button, [("name", "granted"), ("value", consent.grant ? "true" : "false"), ("class", "button")]),
                    ])
                } ?? .empty,
            ]))
        }
        if let link = model.checkInsLink { nodes.append(Markup.el("p", [], [Markup.el("a", [("href", link.href), ("class", "button")], text: link.label)])) }
        for (index, phase) in model.phases.enumerated() {
            nodes.append(Markup.el("section", [("class", "phase"), ("aria-labelledby", "phase-\(index)")], [
                Markup.el("h2", [("id", "phase-\(index)")], text: phase.title),
                Markup.el("ol", [("class", "timeline")], phase.steps.map { StepCard.render($0, csrf: model.csrf) }),
            ]))
        }
        if let form = model.onBehalfForm {
            nodes.append(Markup.form(to: form.route, csrf: model.csrf, [("class", "stack on-behalf")], [
                Markup.el("h2", text: form.heading),
                Markup.el("p", [("class", "muted")], text: form.hint),
                Markup.checkbox(name: "personAgreed", label: form.agreeLabel, checked: false, id: "person-agreed"),
                Markup.button(form.submit),
            ]))
        }
        if let close = model.closeForm {
            nodes.append(Markup.form(to: close.caseRoute, csrf: model.csrf, [("class", "stack case-close")], [
                Markup.hidden("version", "\(model.caseVersion)"),
                Markup.checkbox(name: "personAgrees", label: close.agreeLabel, checked: false, id: "person-agrees"),
                Markup.button(close.submit),
            ]))
        }
        if let reopen = model.reopenForm {
            nodes.append(Markup.form(to: reopen.route, csrf: model.csrf, [("class", "stack")], [
                Markup.hidden("version", "\(model.caseVersion)"),
                Markup.el("p", [("class", "muted")], text: reopen.hint),
                Markup.button(reopen.submit),
            ]))
        }
        return nodes
    }
}
