import Foundation

/// The organization's units as a tree: each with its leaders and how many people work there.
struct OrganizationPageModel {
    struct Node {
        let name: String
        let detail: String
        let children: [Node]
    }

    let heading: String
    let lead: String
    let peopleLink: String
    let importsLink: String
    let settingsLink: String
    let roots: [Node]
    let empty: String
}

extension OrganizationPageModel {
    init(_ units: [OrganizationDirectory.UnitNode], t: Localizer) {
        let known = Set(units.map(\.id))
        let children = Dictionary(grouping: units) { $0.parentID.flatMap { known.contains($0) ? $0 : nil } }
        func node(_ unit: OrganizationDirectory.UnitNode, depth: Int) -> Node {
            let leaders = unit.leaders.isEmpty ? t("organization.no_leader") : t("organization.leaders", ["names": unit.leaders.joined(separator: ", ")])
            // A tree from HR could loop; depth stops it, as no real hospital is 50 levels deep.
            let below = depth < 50 ? (children[unit.id] ?? []).map { node($0, depth: depth + 1) } : []
            return Node(name: unit.name, detail: leaders + " · " + t.plural("organization.people", unit.people), children: below)
        }
        self.init(heading: t("organization.heading"), lead: t("organization.lead"), peopleLink: t("organization.people_link"),
                  importsLink: t("nav.imports"), settingsLink: t("org_settings.heading"),
                  roots: (children[nil] ?? []).map { node($0, depth: 0) }, empty: t("organization.empty"))
    }
}
