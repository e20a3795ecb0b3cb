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
}

extension LoginPageModel {
    init(username: String, error: String?, next: String?, t: Localizer, csrf: String) {
        self.init(
            heading: t("login.heading"), intro: t("login.intro"), usernameLabel: t("login.username"),
            passwordLabel: t("login.password"), submit: t("login.submit"), username: username, error: error, next: next, csrf: csrf)
    }
}
