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
