import Domain
import Foundation

/// What the person sees right after answering: thanks, the crisis numbers at once after a red-flag answer, and
/// the suggestion of professional help when their answers call for it.
struct CheckInAnsweredPageModel {
    let heading: String
    let text: String
    let crisis: (heading: String, text: String, numbers: [(label: String, number: String)], askLabel: String)?
    let suggestion: (heading: String, text: String, link: String)?
    /// Who will get in touch, and by when, after a yes to being contacted.
    let contact: (heading: String, text: String)?
    let back: String
    /// Where on the check-ins page this pathway's help is.
    let caseAnchor: String
}

extension CheckInAnsweredPageModel {
    init(redFlag: Bool, suggestsHelp: Bool, contact: ContactWishes.Outcome? = nil, caseID: UUID, crisis: CrisisContacts, t: Localizer) {
        self.init(
            heading: t("check_in.thanks"),
            text: t("check_in.thanks_text"),
            crisis: redFlag ? (t("check_in.red_flag.heading"), t("check_in.red_flag.text"),
                               [(t("check_in.red_flag.emergency"), crisis.emergency), (t("check_in.red_flag.out_of_hours"), crisis.outOfHours)],
                               t("check_in.red_flag.ask")) : nil,
            suggestion: suggestsHelp ? (t("check_ins.suggest.heading"), t("check_ins.suggest.text"), t("check_in.see_help")) : nil,
            contact: contact.map { outcome in
                let text = switch outcome {
                case .supporterAsked(let name?): t("check_in.contact.supporter_asked", ["name": name])
                case .supporterAsked(nil): t("check_in.contact.supporter_waiting")
                case .supporterTold(let name): t("check_in.contact.supporter_told", ["name": name])
                case .leader(let name): t("check_in.contact.leader", ["name": name])
                case .occupationalHealth(let name, let contact): t("check_in.contact.occupational_health", ["name": name, "contact": contact])
                }
                return (t("check_in.contact.heading"), text)
            },
            back: t("check_in.back"),
            caseAnchor: "pathway-\(caseID.uuidString)")
    }
}
