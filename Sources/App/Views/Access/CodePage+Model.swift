import Foundation

/// A page that asks for a code from the authenticator app — the second step of signing in, or two-factor sign-in in
/// the person's settings — with the app's set-up above it when it is not on yet.
struct CodePageModel {
    let heading: String
    let lead: String
    let enrolment: TwoFactorEnrolment?
    let codeLabel: String
    let codeHint: String
    let error: String?
    let submit: String
    let route: SiteRoute
    /// Where to go after signing in (the sign-in step only).
    let next: String?
    /// A recovery code is letters too; only the app's code is digits alone.
    let digitsOnly: Bool
    let csrf: String
}

extension CodePageModel {
    /// The second step of signing in.
    init(signingInWith enrolment: (link: String, key: String)?, next: String?, error: String?, t: Localizer, csrf: String) {
        self.init(
            heading: t(enrolment == nil ? "two_factor.code_heading" : "two_factor.setup_heading"),
            lead: t(enrolment == nil ? "two_factor.code_lead" : "two_factor.setup_lead"),
            enrolment: enrolment.map { TwoFactorEnrolment($0, t: t) },
            codeLabel: t("two_factor.code_label"),
            codeHint: t(enrolment == nil ? "two_factor.code_hint" : "two_factor.setup_code_hint"),
            error: error,
            submit: t(enrolment == nil ? "two_factor.sign_in" : "two_factor.turn_on"),
            route: .signInCode, next: next, digitsOnly: false, csrf: csrf)
    }

    /// The settings page when two-factor sign-in is on: how many recovery codes are left, and new ones.
    init(onSince since: Date, codesLeft: Int, error: String?, t: Localizer, csrf: String) {
        self.init(heading: t("two_factor.settings_heading"),
                  lead: t("two_factor.settings_on", ["date": t.date(since)]) + " " + t.plural("two_factor.codes_left", codesLeft),
                  enrolment: nil, codeLabel: t("two_factor.code_label"), codeHint: t("two_factor.renew_hint"), error: error,
                  submit: t("two_factor.renew"), route: .twoFactorSettings, next: nil, digitsOnly: true, csrf: csrf)
    }

    /// The settings page when it is off: setting up the app.
    init(settingUp enrolment: (link: String, key: String), error: String?, t: Localizer, csrf: String) {
        self.init(heading: t("two_factor.settings_heading"), lead: t("two_factor.settings_off"), enrolment: TwoFactorEnrolment(enrolment, t: t),
                  codeLabel: t("two_factor.code_label"), codeHint: t("two_factor.setup_code_hint"), error: error,
                  submit: t("two_factor.settings_turn_on"), route: .twoFactorSettings, next: nil, digitsOnly: true, csrf: csrf)
    }
}
