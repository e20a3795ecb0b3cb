import Foundation

/// The second step of signing in: the code, or setting up the authenticator app the first time.
struct SignInCodePageModel {
    let heading: String
    let lead: String
    let enrolment: TwoFactorEnrolment?
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
            enrolment: enrolment.map { TwoFactorEnrolment($0, t: t) },
            codeLabel: t("two_factor.code_label"),
            codeHint: t(enrolment == nil ? "two_factor.code_hint" : "two_factor.setup_code_hint"),
            error: error,
            submit: t(enrolment == nil ? "two_factor.sign_in" : "two_factor.turn_on"),
            next: next,
            csrf: csrf)
    }
}
