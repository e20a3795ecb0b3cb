import Foundation

/// Asking for a link to choose a new password; or, where e-mail is not set up, whom to ask.
struct PasswordResetPageModel {
    let heading: String
    let lead: String
    /// After sending: the same sentence whether or not the name exists.
    let sent: String?
    let usernameLabel: String
    let submit: String
    /// Whether the form is there at all: without e-mail, the lead says whom to ask.
    let showsForm: Bool
    let back: String
    let csrf: String
}

extension PasswordResetPageModel {
    init(mailConfigured: Bool, sent: Bool, t: Localizer, csrf: String) {
        self.init(heading: t("reset.heading"), lead: t(mailConfigured ? "reset.lead" : "reset.no_email"), sent: sent ? t("reset.sent") : nil,
                  usernameLabel: t("login.username"), submit: t("reset.submit"), showsForm: mailConfigured && !sent, back: t("reset.back"), csrf: csrf)
    }
}
