@preconcurrency import Plot
import Domain

struct SchemePageView {
    let model: SchemePageModel

    var main: [BodyNode] {
        sections + [model.checkInSchedule.map { CheckInScheduleSectionView(model: $0, csrf: model.csrf).node } ?? .empty,
                    model.services.map { ServicesSectionView(model: $0, csrf: model.csrf).node } ?? .empty,
                    model.programContacts.map { ProgramContactsSectionView(model: $0, csrf: model.csrf).node } ?? .empty]
    }

    private var sections: [BodyNode] {
        [
            Markup.el("p", [], [Markup.link(model.back.0, to: model.back.1)]),
            Markup.el("h1", text: model.heading),
            Markup.el("p", [("class", "muted")], text: model.intro),
            Markup.el("h2", text: model.responseTime.heading),
            Markup.form(to: .setResponseTime, csrf: model.csrf, [("class", "stack")], [
                Markup.hidden("shown", model.responseTime.minutes),
                FormField.input("number", id: "response-minutes", name: "minutes", label: model.responseTime.label, value: model.responseTime.minutes,
                                hint: model.responseTime.hint, [("min", "5"), ("max", "240"), ("required", nil), ("inputmode", "numeric")]),
                Markup.button(model.responseTime.button, [("class", "primary")]),
            ]),
            Markup.el("h2", text: model.crisis.heading),
            Markup.el("p", [("class", "muted")], text: model.crisis.intro),
            Markup.form(to: .setCrisisContacts, csrf: model.csrf, [("class", "stack")], [
                Markup.hidden("shownEmergency", model.crisis.emergency),
                Markup.hidden("shownOutOfHours", model.crisis.outOfHours),
                FormField.input("tel", id: "crisis-emergency", name: "emergency", label: model.crisis.emergencyLabel, value: model.crisis.emergency,
                                hint: model.crisis.emergencyHint, [("maxlength", "\(CrisisContacts.maxLength)"), ("autocomplete", "off")]),
                FormField.input("tel", id: "crisis-out-of-hours", name: "outOfHours", label: model.crisis.outOfHoursLabel, value: model.crisis.outOfHours,
                                hint: model.crisis.outOfHoursHint, [("maxlength", "\(CrisisContacts.maxLength)"), ("autocomplete", "off")]),
                Markup.button(model.crisis.button, [("class", "primary")]),
            ]),
            Markup.el("h2", text: model.teamsHeading),
            rows(model.teams, empty: model.teamsEmpty),
            Markup.form(to: .createTeam, csrf: model.csrf, [("class", "stack")], [
                Markup.hidden(Markup.submissionField, model.newTeam.submissionKey),
                Markup.el("h3", text: model.newTeam.heading),
                FormField.input("text", id: "team-name", name: "name", label: model.newTeam.nameLabel, [("required", nil), ("maxlength", "80")]),
                FormField.select(id: "team-scope", name: "scope", label: model.newTeam.scopeLabel, options: model.newTeam.scopes),
                FormField.select(id: "team-unit", name: "unitId", label: model.newTeam.unitLabel, options: model.newTeam.units, hint: model.newTeam.unitHint),
                Markup.button(model.newTeam.button, [("class", "primary")]),
            ]),
            Markup.el("h2", text: model.supportersHeading),
            rows(model.supporters, empty: model.supportersEmpty),
            Markup.form(to: .addSupporter, csrf: model.csrf, [("class", "stack")], [
                Markup.hidden(Markup.submissionField, model.addSupporter.submissionKey),
                Markup.el("h3", text: model.addSupporter.heading),
                FormField.input("text", id: "supporter-username", name: "username", label: model.addSupporter.usernameLabel,
                                hint: model.addSupporter.usernameHint, [("required", nil), ("autocomplete", "off"), ("autocapitalize", "none")]),
                Markup.button(model.addSupporter.button, [("class", "primary")]),
            ]),
        ]
    }

    private func rows(_ rows: [SchemePageModel.Row], empty: String) -> BodyNode {
        rows.isEmpty
            ? Markup.el("p", [("class", "empty")], text: empty)
            : Markup.el("ul", [("class", "cards")], rows.map { row in
                Markup.el("li", [], [
                    Markup.el("strong", text: row.title),
                    Markup.el("p", [("class", "due")], text: row.detail),
                    Markup.link(row.linkLabel, to: row.route, [("class", "button")]),
                ])
            })
    }
}
