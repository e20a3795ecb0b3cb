import Foundation
@preconcurrency import Plot

/// The program's contacts on the scheme page: who hears of an overdue step when its owner has no leader above them.
struct ProgramContactsSectionModel {
    let heading: String
    let intro: String
    let empty: String
    let contacts: [(personID: UUID, label: String)]
    let remove: String
    let usernameLabel: String
    let usernameHint: String
    let button: String

    init(_ contacts: [ProgramContacts.Contact], t: Localizer) {
        heading = t("scheme.contacts")
        intro = t("scheme.contacts_intro")
        empty = t("scheme.contacts_empty")
        self.contacts = contacts.map { ($0.personID, "\($0.name) (\($0.username))") }
        remove = t("scheme.contact_remove")
        usernameLabel = t("scheme.contact_username")
        usernameHint = t("scheme.contact_username_hint")
        button = t("scheme.contact_add")
    }
}

struct ProgramContactsSectionView {
    let model: ProgramContactsSectionModel
    let csrf: String

    var node: BodyNode {
        Markup.el("section", [("id", "program-contacts"), ("aria-labelledby", "program-contacts-heading")], [
            Markup.el("h2", [("id", "program-contacts-heading")], text: model.heading),
            Markup.el("p", [("class", "muted")], text: model.intro),
            model.contacts.isEmpty ? Markup.el("p", [("class", "empty")], text: model.empty)
                : Markup.el("ul", [("class", "plain")], model.contacts.map { contact in
                    Markup.el("li", [], [
                        Markup.el("span", text: contact.label + " "),
                        Markup.form(to: .removeProgramContact(contact.personID), csrf: csrf, [("class", "inline")],
                                    [Markup.button(model.remove, [("class", "link-button")])]),
                    ])
                }),
            Markup.form(to: .addProgramContact, csrf: csrf, [("class", "stack")], [
                FormField.input("text", id: "contact-username", name: "username", label: model.usernameLabel, hint: model.usernameHint,
                                [("required", nil), ("maxlength", "200"), ("autocapitalize", "none")]),
                Markup.button(model.button, [("class", "primary")]),
            ]),
        ])
    }
}
