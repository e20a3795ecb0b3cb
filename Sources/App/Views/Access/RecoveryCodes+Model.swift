import Foundation

/// The recovery codes, shown once when two-factor sign-in is turned on.
struct RecoveryCodesPageModel {
    let heading: String
    let lead: String
    let codes: [String]
    let continueLabel: String
    let next: String
}

extension RecoveryCodesPageModel {
    init(codes: [String], next: String, t: Localizer) {
        self.init(heading: t("two_factor.codes_heading"), lead: t("two_factor.codes_lead"), codes: codes, continueLabel: t("two_factor.codes_continue"),
                  next: next)
    }
}
