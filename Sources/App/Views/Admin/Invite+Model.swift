import Foundation

/// Inviting a person to their own account: a username and where the link goes; without e-mail, why it cannot be sent.
struct InvitePageModel {
    let heading: String
    let lead: String
    let personID: UUID
    let usernameLabel: String
    let usernameHint: String
    let username: String
    let emailLabel: String
    let email: String
    let errorHeading: String
    let errors: [String]
    let submit: String
    let showsForm: Bool
    let back: String
    let csrf: String
}

extension InvitePageModel {
    init(_ invitee: Invitations.Invitee, username: String, email: String, problems: [Invitations.Problem], mailConfigured: Bool, t: Localizer,
         csrf: String) {
        self.init(heading: t("invite.heading", ["name": invitee.name]), lead: t(mailConfigured ? "invite.lead" : "invite.no_email"),
                  personID: invitee.personID, usernameLabel: t("login.username"), usernameHint: t("invite.username_hint"), username: username,
                  emailLabel: t("invite.email"), email: email, errorHeading: t("form.errors"), errors: problems.map { t("invite.problem.\($0.rawValue)") },
                  submit: t("invite.submit"), showsForm: mailConfigured, back: t("people.back_to_people"), csrf: csrf)
    }
}
