import Foundation

/// The second step of signing in: the code, or setting up the authenticator app the first time.
struct SignInCodePageModel {
    struct Enrolment {
        let steps: [String]
        /// `otpauth://…`: on the phone itself, a tap opens the authenticator app with the account filled in.
        let link: String
        let linkLabel: String
        let keyLabel: String
        /// The key in groups of four, for typing into the app by hand.
        let key: String
    }

    let heading: String
    let lead: String
    let enrolment: Enrolment?
    let codeLabel: String
    let codeHint: String
    let error: String?
    let submit: String
    let next: String?
    let csrf: String
}

extension SignInCodePageModel {
    init(enrolment: (link: String, key: String)?, next: String?, error: String?, t: Localizer, csrf: String) {
        self.init(
            heading: t(enrolment == nil ? "two_factor.code_heading" : "two_factor.setup_heading"),
            lead: t(enrolment == nil ? "two_factor.code_lead" : "two_factor.setup_lead"),
            enrolment: enrolment.map { enrolment in
                Enrolment(steps: [t("two_factor.setup_step1"), t("two_factor.setup_step2"), t("two_factor.setup_step3")], link: enrolment.link,
                          linkLabel: t("two_factor.setup_link"), keyLabel: t("two_factor.setup_key"), key: enrolment.key)
            },
            codeLabel: t("two_factor.code_label"),
            codeHint: t(enrolment == nil ? "two_factor.code_hint" : "two_factor.setup_code_hint"),
            error: error,
            submit: t(enrolment == nil ? "two_factor.sign_in" : "two_factor.turn_on"),
            next: next,
            csrf: csrf)
    }
}
