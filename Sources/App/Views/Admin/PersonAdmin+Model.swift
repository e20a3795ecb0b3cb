import Domain
import Foundation

/// One person as the administrator manages them: who they are in HR's terms, their roles and leader scope, and
/// whether they are active. Their own page says that another administrator changes these.
struct PersonAdminPageModel {
    let heading: String
    let back: String
    let facts: [String]
    let notice: String?
    /// Nil when they have no account yet: then the way to invite them.
    let access: Access?
    let invite: (label: String, route: SiteRoute)?
    let ownAccess: String?
    let state: State
    let csrf: String

    struct Access {
        let heading: String
        let rolesLegend: String
        let roles: [(value: String, label: String, checked: Bool)]
        let scopeLabel: String
        let scopeHint: String
        let units: [FormField.Option]
        let hrScopes: String?
        let save: String
        let route: SiteRoute
        let version: String
        let editable: Bool
    }

    struct State {
        let text: String
        let button: String?
        let route: SiteRoute
        let value: String
        let version: String
    }
}

extension PersonAdminPageModel {
    init(_ person: AccountAdministration.Managed, units: [(id: UUID, name: String)], isSelf: Bool, notice: String?, t: Localizer, csrf: String) {
        var facts = [person.username.map { t("people.username", ["username": $0]) } ?? t("people.no_account")]
        if let number = person.employeeNumber { facts.append(t("person_admin.employee_number", ["number": number])) }
        if let email = person.email { facts.append(email) }
        facts.append(person.units.isEmpty ? t("people.no_unit") : person.units.joined(separator: ", "))
        let access = person.accountID.map { _ in
            Access(heading: t("person_admin.access_heading"), rolesLegend: t("person_admin.roles"),
                   roles: AccessPolicy.grantableRoles.map { ($0.rawValue, t("role.\($0.rawValue)"), person.roles.contains($0)) },
                   scopeLabel: t("person_admin.scope"), scopeHint: t("person_admin.scope_hint"),
                   units: units.map { FormField.Option(value: $0.id.uuidString, label: $0.name, selected: person.manualScopes.contains($0.id)) },
                   hrScopes: person.hrScopes.isEmpty ? nil : t("person_admin.hr_scopes", ["units": person.hrScopes.joined(separator: ", ")]),
                   save: t("person_admin.save"), route: .saveAccess(person.personID), version: person.version, editable: !isSelf)
        }
        self.init(
            heading: person.name, back: t("people.back_to_people"), facts: facts, notice: notice, access: access,
            invite: person.accountID == nil && person.active ? (t("people.invite"), .invitePerson(person.personID)) : nil,
            ownAccess: isSelf ? t("person_admin.own") : nil,
            state: State(text: t(!person.active ? "person_admin.inactive" : person.accountID == nil ? "person_admin.active_no_account" : "person_admin.active"),
                         button: isSelf ? nil : t(person.active ? "person_admin.deactivate" : "person_admin.reactivate"),
                         route: .setActive(person.personID), value: person.active ? "false" : "true", version: person.version),
            csrf: csrf)
    }
}
