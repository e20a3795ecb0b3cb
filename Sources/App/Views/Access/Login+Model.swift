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
    /// One group per set of numbers in use here, headed by its country when there is more than one.
    let crisisNumbers: [(heading: String?, numbers: [(label: String, number: String)])]
    let passwordHelp: String
    var forgotten: String = ""
    /// One button per organization that signs in with its own identity provider: its label and where it starts.
    var singleSignOn: [(label: String, path: String)] = []
    var orPassword: String = ""
}

extension LoginPageModel {
    init(username: String, error: String?, next: String?, crisis: [(country: Country, contacts: CrisisContacts)], t: Localizer, csrf: String) {
        self.init(
            heading: t("login.heading"), intro: t("login.intro"), usernameLabel: t("login.username"),
            passwordLabel: t("login.password"), submit: t("login.submit"), username: username, error: error, next: next, csrf: csrf,
            helpHeading: t("login.help_heading"),
            crisisText: t(crisis.isEmpty ? "login.crisis_unknown" : "login.crisis"),
            crisisNumbers: crisis.map { entry in
                (crisis.count > 1 ? t("country.\(entry.country.rawValue)") : nil,
                 [(t("check_in.red_flag.emergency"), entry.contacts.emergency), (t("check_in.red_flag.out_of_hours"), entry.contacts.outOfHours)])
            },
            passwordHelp: t("login.password_help"),
            forgotten: t("login.forgotten"))
    }
}
