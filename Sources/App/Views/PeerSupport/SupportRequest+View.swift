@preconcurrency import Plot

struct SupportRequestPageView {
    let model: SupportRequestPageModel

    var main: [BodyNode] {
        [
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "lead"), ("id", "request-status")], text: model.status),
            Markup.el("ul", [("class", "request-facts")], model.details.map { Markup.el("li", text: $0) }),
            model.chooseHeading.map { Markup.el("h2", text: $0) } ?? .empty,
            model.choices.isEmpty ? .empty : Markup.el("ul", [("class", "cards choices")], model.choices.map { choice in
                Markup.el("li", [], [
                    Markup.el("strong", text: choice.name),
                    Markup.el("ul", [("class", "reasons")], choice.reasons.map { Markup.el("li", text: $0) }),
                    Markup.form(to: .chooseSupporter(model.requestID), csrf: model.csrf, [], [
                        Markup.hidden("supporterId", choice.supporterID),
                        Markup.hidden("version", model.version),
                        Markup.button(choice.button, [("class", "primary")]),
                    ]),
                ])
            }),
            model.anyone.map { anyone in
                Markup.form(to: .chooseSupporter(model.requestID), csrf: model.csrf, [], [
                    Markup.hidden("anyone", "true"),
                    Markup.hidden("version", model.version),
                    Markup.button(anyone, []),
                ])
            } ?? .empty,
            model.nobody.map { Markup.el("p", [("class", "muted")], text: $0) } ?? .empty,
            model.decline.map { label in
                Markup.form(to: .declineSupportRequest(model.requestID), csrf: model.csrf, [("class", "pass")], [
                    Markup.hidden("version", model.version),
                    Markup.button(label, [("class", "link-button")]),
                ])
            } ?? .empty,
            model.reopen.map { label in
                Markup.form(to: .reopenSupportRequest(model.requestID), csrf: model.csrf, [], [
                    Markup.hidden("version", model.version),
                    Markup.button(label, [("class", "primary")]),
                ])
            } ?? .empty,
            model.answer.map { answer in
                Markup.group([
                    Markup.form(to: .acceptSupportRequest(model.requestID), csrf: model.csrf, [], [
                        Markup.hidden("version", answer.version),
                        Markup.button(answer.accept, [("class", "primary")]),
                    ]),
                    Markup.form(to: .passSupportRequest(model.requestID), csrf: model.csrf, [("class", "pass")], [
                        Markup.hidden("version", answer.version),
                        Markup.el("p", [("class", "muted")], text: answer.passHint),
                        Markup.button(answer.pass, []),
                    ]),
                ])
            } ?? .empty,
            model.handoverQuestion.map { question in
                Markup.el("section", [("class", "ask")], [
                    Markup.el("p", text: question.question),
                    Markup.form(to: .answerHandover(model.requestID), csrf: model.csrf, [], [
                        Markup.hidden("version", model.version), Markup.hidden("agrees", "true"),
                        Markup.button(question.yes, [("class", "primary")]),
                    ]),
                    Markup.form(to: .answerHandover(model.requestID), csrf: model.csrf, [("class", "pass")], [
                        Markup.hidden("version", model.version), Markup.hidden("agrees", "false"),
                        Markup.button(question.no, []),
                    ]),
                ])
            } ?? .empty,
            model.handoverPending.map { Markup.el("p", [("class", "muted")], text: $0) } ?? .empty,
            model.contactsHeading.map { Markup.el("h2", text: $0) } ?? .empty,
            model.contacts.isEmpty ? .empty : Markup.el("ul", [("class", "request-facts contacts")], model.contacts.map { Markup.el("li", text: $0) }),
            model.logForm.map { form in
                Markup.form(to: .logContact(model.requestID), csrf: model.csrf, [("class", "stack log-contact")], [
                    Markup.hidden(Markup.submissionField, form.submissionKey),
                    Markup.el("h3", text: form.heading),
                    Markup.el("p", [("class", "muted")], text: form.privacy),
                    Markup.el("label", [("for", "contact-date")], text: form.dateLabel),
                    Markup.void("input", [("type", "datetime-local"), ("id", "contact-date"), ("name", "date"), ("value", form.dateValue), ("required", nil)]),
                    Markup.el("label", [("for", "contact-channel")], text: form.channelLabel),
                    Markup.el("select", [("id", "contact-channel"), ("name", "channel")],
                              form.channels.map { Markup.el("option", [("value", $0.value)] + (form.channel == $0.value ? [("selected", nil)] : []), text: $0.label) }),
                    Markup.el("label", [("for", "contact-duration")], text: form.durationLabel),
                    Markup.void("input", [("type", "number"), ("id", "contact-duration"), ("name", "durationMinutes"), ("min", "1"), ("max", "600"),
                                          ("inputmode", "numeric"), ("required", nil), ("value", form.minutes)]),
                    Markup.el("label", [("for", "contact-next")], text: form.nextLabel),
                    Markup.void("input", [("type", "datetime-local"), ("id", "contact-next"), ("name", "nextContactAt"), ("value", form.next)]),
                    Markup.button(form.submit, [("class", "primary")]),
                ])
            } ?? .empty,
            model.handoverForm.map { form in
                Markup.form(to: .proposeHandover(model.requestID), csrf: model.csrf, [("class", "stack handover")], [
                    Markup.el("h3", text: form.heading),
                    Markup.el("p", [("class", "muted")], text: form.hint),
                    Markup.hidden("version", model.version),
                    Markup.el("label", [("for", "handover-to")], text: form.label),
                    Markup.el("select", [("id", "handover-to"), ("name", "supporterId")],
                              form.colleagues.map { Markup.el("option", [("value", $0.id)], text: $0.name) }),
                    Markup.button(form.submit, []),
                ])
            } ?? .empty,
            model.pathway.map { Markup.el("p", [], [Markup.link($0.label, to: $0.route)]) } ?? .empty,
        ]
    }
}
