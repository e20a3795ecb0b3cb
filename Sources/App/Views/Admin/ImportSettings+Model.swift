import Domain
import Foundation

/// The column names the organization's HR export uses, and its own HR titles with the profession each means.
struct ImportSettingsPageModel {
    struct Column {
        let id: String
        let name: String
        let label: String
        let value: String
    }

    struct Title {
        let text: String
        let remove: SiteRoute
    }

    let heading: String
    let back: String
    let columnsHeading: String
    let columnsLead: String
    let unitsHeading: String
    let peopleHeading: String
    let unitColumns: [Column]
    let peopleColumns: [Column]
    let columnsError: String?
    let saveColumns: String
    let titlesHeading: String
    let titlesLead: String
    let titles: [Title]
    let noTitles: String
    let titleLabel: String
    let titleValue: String
    let titleError: String?
    let professionLabel: String
    let professions: [FormField.Option]
    let add: String
    let remove: String
    let csrf: String
}

extension ImportSettingsPageModel {
    init(_ settings: HRImportSettings.Loaded, typedColumns: [String: String]? = nil, problems: [HRImportSettings.Problem], typedTitle: String = "",
         t: Localizer, csrf: String) {
        let columnProblem = problems.first { $0 != .title }
        self.init(
            heading: t("import.settings_heading"), back: t("import.back"),
            columnsHeading: t("import.columns_heading"), columnsLead: t("import.columns_lead"),
            unitsHeading: t("import.units_heading"), peopleHeading: t("import.people_heading"),
            unitColumns: UnitField.allCases.map { field in
                Column(id: "units-\(field.rawValue)", name: "units_\(field.rawValue)", label: t("import.column.units.\(field.rawValue)"),
                       value: typedColumns?["units_\(field.rawValue)"] ?? settings.units[field] ?? field.defaultColumn)
            },
            peopleColumns: PersonField.allCases.map { field in
                Column(id: "people-\(field.rawValue)", name: "people_\(field.rawValue)", label: t("import.column.people.\(field.rawValue)"),
                       value: typedColumns?["people_\(field.rawValue)"] ?? settings.people[field] ?? field.defaultColumn)
            },
            columnsError: columnProblem.map { t("import.settings_problem.\($0.rawValue)") },
            saveColumns: t("import.save_columns"),
            titlesHeading: t("import.titles_heading"), titlesLead: t("import.titles_lead"),
            titles: settings.ownTitles.map { Title(text: t("import.title_line", ["title": $0.title, "profession": t("profession.\($0.profession.rawValue)")]),
                                                   remove: .removeTitleMapping($0.id)) },
            noTitles: t("import.no_titles"), titleLabel: t("import.title_label"), titleValue: typedTitle,
            titleError: problems.contains(.title) ? t("import.settings_problem.title") : nil,
            professionLabel: t("import.profession_label"),
            professions: Profession.allCases.map { FormField.Option(value: $0.rawValue, label: t("profession.\($0.rawValue)")) },
            add: t("import.add_title"), remove: t("import.remove_title"), csrf: csrf)
    }
}
