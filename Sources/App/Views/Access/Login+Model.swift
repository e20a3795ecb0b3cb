import Domain

struct LoginPageModel {
    let heading: String
    let intro: String
    let usernameLabel: String
    let passwordLabel: String
    let submit: String
    let username: String
    let error: String?
    /// Where to go once logged in, carried by the form.
    let next: String?
    let csrf: String
    /// For someone who cannot sign in: the numbers that answer day and night, and whom to ask about a password.
    let helpHeading: String
    let crisisText: String
    let crisisNumbers: [(label: String, number: String)]
    let passwordHelp: String
}

extension LoginPageModel {
    init(username: String, error: String?, next: String?, crisis: CrisisContacts?, t: Localizer, csrf: String) {
        self.init(
            heading: t("login.heading"), intro: t("login.intro"), usernameLabel: t("login.username"),
            passwordLabel: t("login.password"), submit: t("login.submit"), username: username, error: error, next: next, csrf: csrf,
            helpHeading: t("login.help_heading"),
            crisisText: t(crisis == nil ? "login.crisis_unknown" : "login.crisis"),
            crisisNumbers: crisis.map { [(t("check_in.red_flag.emergency"), $0.emergency), (t("check_in.red_flag.out_of_hours"), $0.outOfHours)] } ?? [],
            passwordHelp: t("login.password_help"))
    }
}
