import Domain
import Foundation

struct EventsPageModel {
    struct Row {
        let title: String
        let details: [String]
        let route: SiteRoute
    }

    let heading: String
    let intro: String
    let register: (label: String, route: SiteRoute)?
    let rows: [Row]
    let empty: String
    let pagination: PaginationModel?
}

extension EventsPageModel {
    init(_ rows: [EventsController.Row], page: Int, hasMore: Bool, mayRegister: Bool, t: Localizer) {
        self.init(
            heading: t("events.heading"),
            intro: t("events.intro"),
            register: mayRegister ? (t("nav.new_event"), .newEvent) : nil,
            rows: rows.map { row in
                Row(title: t.kind(row.kind),
                    details: [t.dateTime(row.occurredAt), row.unitName, t.severity(row.severity), t.plural("events.involved", row.involved)],
                    route: .event(row.id))
            },
            empty: t("events.empty"),
            pagination: PaginationModel.make(route: .events, page: page, hasMore: hasMore, t: t))
    }
}
