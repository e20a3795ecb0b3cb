import Domain
import Foundation

/// What the person sees right after answering: thanks, the crisis numbers at once after a red-flag answer, and
/// the suggestion of professional help when their answers call for it.
struct CheckInAnsweredPageModel {
    let heading: String
    let text: String
    let crisis: (heading: String, text: String, numbers: [(label: String, number: String)], askLabel: String)?
    let suggestion: (heading: String, text: String, link: String)?
    let back: String
    /// Where on the check-ins page this pathway's help is.
    let caseAnchor: String
}

extension CheckInAnsweredPageModel {
    init(redFlag: Bool, suggestsHelp: Bool, caseID: UUID, crisis: CrisisContacts, t: Localizer) {
        self.init(
            heading: t("check_in.thanks"),
            text: t("check_in.thanks_text"),
            crisis: redFlag ? (t("check_in.red_flag.heading"), t("check_in.red_flag.text"),
                               [(t("check_in.red_flag.emergency"), crisis.emergency), (t("check_in.red_flag.out_of_hours"), crisis.outOfHours)],
                               t("check_in.red_flag.ask")) : nil,
            suggestion: suggestsHelp ? (t("check_ins.suggest.heading"), t("check_ins.suggest.text"), t("check_in.see_help")) : nil,
            back: t("check_in.back"),
            caseAnchor: "pathway-\(caseID.uuidString)")
    }
}
