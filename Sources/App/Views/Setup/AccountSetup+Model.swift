import Domain
import Foundation

/// Choosing one's own password from a one-time link; or, when the link cannot be used, what to do instead.
struct AccountSetupPageModel {
    struct Form {
        let token: String
        let username: String
        let usernameLabel: String
        let passwordLabel: String
        let passwordHint: String
        let confirmationLabel: String
        let submit: String
        let csrf: String
    }

    let heading: String
    let lead: String
    let errorHeading: String
    let errors: [String]
    /// nil when the link cannot be used.
    let form: Form?
}

extension AccountSetupPageModel {
    init(_ pending: AccountSetups.Pending, token: String, problems: [PasswordPolicy.Problem], t: Localizer, csrf: String) {
        self.init(
            heading: t("setup.heading"),
            lead: t("setup.lead", ["username": pending.username, "organization": pending.organizationName]),
            errorHeading: t("form.errors"),
            errors: problems.map { t("setup.problem.\($0.rawValue)", ["minimum": "\(PasswordPolicy.minimumLength)"]) },
            form: Form(token: token, username: pending.username, usernameLabel: t("login.username"), passwordLabel: t("setup.password"),
                       passwordHint: t("setup.password_hint", ["minimum": "\(PasswordPolicy.minimumLength)"]),
                       confirmationLabel: t("setup.confirmation"), submit: t("setup.submit"), csrf: csrf))
    }

    static func unusable(t: Localizer) -> AccountSetupPageModel {
        AccountSetupPageModel(heading: t("setup.unusable_heading"), lead: t("setup.unusable"), errorHeading: "", errors: [], form: nil)
    }
}
