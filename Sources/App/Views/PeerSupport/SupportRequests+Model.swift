import Domain
import Foundation

/// A supporter's requests (offered to them, or taken on), and the signed-in person's own.
struct SupportRequestsPageModel {
    struct Item {
        let title: String
        let subtitle: String
        let route: SiteRoute
    }

    struct Section {
        let heading: String
        let items: [Item]
        let empty: String
    }

    let heading: String
    let intro: String
    let sections: [Section]
    /// For a supporter: asking for support themself, away from their own team.
    let ownNeed: (text: String, link: String)?
    /// For a supporter: their own availability and leave.
    let availability: String?
}

extension SupportRequestsPageModel {
    init(_ requests: [SupportOffers.Request], viewer: UUID, isSupporter: Bool, t: Localizer) {
        func status(_ request: SupportOffers.Request) -> String {
            switch request.status {
            case .offered: t("support_requests.status.offered", ["time": request.respondBy.map(t.dateTime) ?? ""])
            default: t("support_requests.status.\(request.status.rawValue)")
            }
        }
        let forMe = requests.filter { $0.personID != viewer }.map { request in
            Item(title: request.personName, subtitle: status(request), route: .supportRequest(request.id))
        }
        let own = requests.filter { $0.personID == viewer }.map { request in
            Item(title: t("support_requests.own_title", ["date": t.date(request.createdAt)]), subtitle: status(request), route: .supportRequest(request.id))
        }
        var sections: [Section] = []
        if isSupporter { sections.append(Section(heading: t("support_requests.for_you"), items: forMe, empty: t("support_requests.for_you_empty"))) }
        sections.append(Section(heading: t("support_requests.own"), items: own, empty: t("support_requests.own_empty")))
        self.init(heading: t("support_requests.heading"), intro: isSupporter ? t("support_requests.intro_supporter") : t("support_requests.intro"),
                  sections: sections,
                  ownNeed: isSupporter ? (t("support_requests.own_need"), t("support_requests.own_need_link")) : nil,
                  availability: isSupporter ? t("support_requests.availability") : nil)
    }
}
