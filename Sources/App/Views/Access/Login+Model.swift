struct LoginPageModel {
    let heading: String
    let intro: String
    let usernameLabel: String
    let passwordLabel: String
    let submit: String
    let username: String
    let error: String?
    let csrf: String
}

extension LoginPageModel {
    init(username: String, error: String?, t: Localizer, csrf: String) {
        self.init(
            heading: t("login.heading"), intro: t("login.intro"), usernameLabel: t("login.username"),
            passwordLabel: t("login.password"), submit: t("login.submit"), username: username, error: error, csrf: csrf)
    }
}
