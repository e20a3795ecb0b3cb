import Domain
import Foundation

/// The organization's name, country, time zone and language, as a form.
struct OrganizationSettingsPageModel {
    let heading: String
    let back: String
    let notice: String?
    let name: (label: String, value: String, error: String?)
    let country: (label: String, options: [FormField.Option], error: String?)
    let timeZone: (label: String, hint: String, value: String, error: String?)
    let language: (label: String, options: [FormField.Option], error: String?)
    let version: String
    let save: String
    let csrf: String
}

extension OrganizationSettingsPageModel {
    init(_ values: OrganizationSettings.Values, version: String, problems: [OrganizationRules.Problem], notice: String?, t: Localizer, csrf: String) {
        func error(_ problem: OrganizationRules.Problem) -> String? { problems.contains(problem) ? t("org_settings.problem.\(problem.rawValue)") : nil }
        self.init(
            heading: t("org_settings.heading"), back: t("people.back"), notice: notice,
            name: (t("org_settings.name"), values.name, error(.name)),
            country: (t("org_settings.country"), Country.allCases.map { FormField.Option(value: $0.rawValue, label: t("org_settings.country.\($0.rawValue)"),
                                                                                       selected: $0.rawValue == values.country) }, error(.country)),
            timeZone: (t("org_settings.time_zone"), t("org_settings.time_zone_hint"), values.timeZone, error(.timeZone)),
            language: (t("org_settings.language"), OrganizationRules.languages.map { FormField.Option(value: $0, label: t("language.\($0)"),
                                                                                                  selected: $0 == values.language) }, error(.language)),
            version: version, save: t("org_settings.save"), csrf: csrf)
    }
}
