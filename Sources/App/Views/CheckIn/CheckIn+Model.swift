import Domain
import Foundation

/// One check-in to answer: every item with its answers as buttons large enough for a thumb.
struct CheckInPageModel {
    struct Item {
        let key: String
        let legend: String
        /// Words for the scale's ends, for the 0–10 question.
        let ends: String?
        let options: [(value: String, label: String)]
        let wide: Bool
        let selected: String?
        let error: String?
    }

    /// Who should get in touch, asked beside "Would you like someone to contact you?"; nothing chosen in advance.
    struct Contact {
        let legend: String
        let hint: String
        let options: [(value: String, label: String)]
        let selected: String?
    }

    let heading: String
    let intro: String
    let items: [Item]
    let contact: Contact?
    let errorHeading: String
    let errors: [(field: String, message: String)]
    let submit: String
    let skip: String
    let route: SiteRoute
    let skipRoute: SiteRoute
    let version: Int
    let csrf: String
    let submissionKey: String
}

extension CheckInPageModel {
    init(_ record: CheckInRecord, instrument: Instrument, given: [String: Int] = [:], problem: Instrument.AnswerProblem? = nil,
         contactChoices: (leader: String?, occupationalHealth: Bool)? = nil, contactBy: String? = nil, t: Localizer, csrf: String,
         submissionKey: String) {
        func text(_ texts: [String: String]) -> String { instrumentText(texts, in: t.language) }
        func message(for key: String) -> String? {
            switch problem {
            case .missing(let item) where item == key: t("check_in.problem.missing")
            case .offScale(let item, _) where item == key: t("check_in.problem.off_scale")
            default: nil
            }
        }
        let items = instrument.items.map { item -> Item in
            let scale = instrument.scale(of: item)
            let values = scale.map { Array($0.values) } ?? []
            let wide = values.count > 4
            return Item(
                key: item.key, legend: text(item.text),
                ends: wide ? [scale?.labels[scale?.min ?? 0], scale?.labels[scale?.max ?? 0]].compactMap { $0.map(text) }.enumerated()
                    .map { "\($0.offset == 0 ? scale?.min ?? 0 : scale?.max ?? 0) = \($0.element)" }.joined(separator: " · ") : nil,
                options: values.map { value in ("\(value)", wide ? "\(value)" : scale?.labels[value].map(text) ?? "\(value)") },
                wide: wide, selected: given[item.key].map(String.init), error: message(for: item.key))
        }
        self.init(
            heading: text(instrument.title),
            intro: t(record.purpose == .anniversary ? "check_in.anniversary_intro" : "check_in.intro"),
            items: items,
            contact: instrument.contactItem == nil ? nil : contactChoices.map { choices in
                Contact(legend: t("check_in.contact_by"), hint: t("check_in.contact_by_hint"),
                        options: [(ContactChoice.peerSupporter.rawValue, t("check_in.contact_by.peer_supporter"))]
                            + (choices.leader.map { [(ContactChoice.leader.rawValue, t("check_in.contact_by.leader", ["name": $0]))] } ?? [])
                            + (choices.occupationalHealth ? [(ContactChoice.occupationalHealth.rawValue, t("check_in.contact_by.occupational_health"))] : []),
                        selected: contactBy)
            },
            errorHeading: t("form.errors"),
            errors: items.compactMap { item in item.error.map { ("item-\(item.key)", "\(item.legend): \($0)") } },
            submit: t("check_in.submit"),
            skip: t("check_in.skip"),
            route: .checkIn(record.id),
            skipRoute: .skipCheckIn(record.id),
            version: record.version,
            csrf: csrf,
            submissionKey: submissionKey)
    }
}
