import Domain
import Foundation

/// The organization's people, searchable: name, username, units and roles. Nothing of anyone's pathways.
struct PeoplePageModel {
    struct Row {
        let name: String
        let route: SiteRoute
        let detail: String
        /// For someone without an account: the way to invite them.
        let invite: (label: String, route: SiteRoute)?
        /// For someone with two-factor sign-in on: taking it away, for a lost phone.
        let resetTwoFactor: (label: String, route: SiteRoute)?
    }

    let heading: String
    let back: String
    let searchLabel: String
    let search: String
    let submit: String
    let rows: [Row]
    let empty: String
    let pagination: PaginationModel?
    let csrf: String
}

extension PeoplePageModel {
    init(_ people: [OrganizationDirectory.PersonRow], search: String?, page: Int, hasMore: Bool, t: Localizer, csrf: String) {
        self.init(
            heading: t("people.heading"), back: t("people.back"), searchLabel: t("people.search"), search: search ?? "", submit: t("people.submit"),
            rows: people.map { person in
                let account = person.username.map { t("people.username", ["username": $0]) } ?? t("people.no_account")
                let units = person.units.isEmpty ? t("people.no_unit") : person.units.joined(separator: ", ")
                let roles = person.roles.filter { $0 != .involved }.map { t("role.\($0.rawValue)") }
                let state = person.active ? [] : [t("people.deactivated")]
                return Row(name: person.name, route: .managePerson(person.id),
                           detail: ([account, units] + (roles.isEmpty ? [] : [roles.joined(separator: ", ")]) + state).joined(separator: " · "),
                           invite: person.username == nil && person.active ? (t("people.invite"), .invitePerson(person.id)) : nil,
                           resetTwoFactor: person.twoFactorOn ? (t("people.reset_two_factor"), .resetTwoFactor(person.id)) : nil)
            },
            empty: t(search == nil ? "people.empty" : "people.none_found"),
            pagination: PaginationModel.make(route: .people, page: page, hasMore: hasMore, search: search, t: t),
            csrf: csrf)
    }
}
