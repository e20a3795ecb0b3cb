import Foundation

/// Two-factor sign-in in the person's settings: how to turn it on, or that it is on and how many recovery codes are left.
struct TwoFactorSettingsPageModel {
    let heading: String
    let lead: String
    let enrolment: TwoFactorEnrolment?
    let codeLabel: String
    let codeHint: String
    let error: String?
    let submit: String
    let csrf: String
}

extension TwoFactorSettingsPageModel {
    init(on since: Date, codesLeft: Int, error: String?, t: Localizer, csrf: String) {
        self.init(heading: t("two_factor.settings_heading"),
                  lead: t("two_factor.settings_on", ["date": t.date(since)]) + " " + t.plural("two_factor.codes_left", codesLeft),
                  enrolment: nil, codeLabel: t("two_factor.code_label"), codeHint: t("two_factor.renew_hint"), error: error,
                  submit: t("two_factor.renew"), csrf: csrf)
    }

    init(enrolment: (link: String, key: String), error: String?, t: Localizer, csrf: String) {
        self.init(heading: t("two_factor.settings_heading"), lead: t("two_factor.settings_off"), enrolment: TwoFactorEnrolment(enrolment, t: t),
                  codeLabel: t("two_factor.code_label"), codeHint: t("two_factor.setup_code_hint"), error: error,
                  submit: t("two_factor.settings_turn_on"), csrf: csrf)
    }
}
