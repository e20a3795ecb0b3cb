import Domain
import Foundation

/// The administrator's page for HR files: one upload form per file, and what the last import did.
struct ImportsPageModel {
    struct Upload {
        let kind: String
        let heading: String
        let hint: String
        let fieldID: String
    }

    let heading: String
    let lead: String
    let uploads: [Upload]
    let fileLabel: String
    let check: String
    let settingsLink: String
    let last: String?
    /// The problems of a file just checked, each as one line; empty when there are none.
    let problemsHeading: String
    let problemsLead: String
    let problems: [String]
    /// A form sent without a file: which of the two, and what to do.
    let error: (kind: String, text: String)?
    let csrf: String
}

extension ImportsPageModel {
    init(last: HRImports.LastImport?, problems: [ImportProblem], missingFile: ImportKind?, t: Localizer, csrf: String) {
        let lastText = last.map { last in
            let counts = last.counts
            let parts = [("added", counts.added), ("changed", counts.changed), ("moved", counts.moved), ("deactivated", counts.deactivated),
                         ("reactivated", counts.reactivated)].filter { $0.1 > 0 }.map { t.plural("import.count.\($0.0)", $0.1) }
            return t("import.last", ["what": t("import.kind.\(last.kind.rawValue)"), "when": t.dateTime(last.at),
                                     "who": last.by ?? t("import.by_command_line"),
                                     "counts": parts.isEmpty ? t("import.count.nothing") : parts.joined(separator: ", ")])
        }
        self.init(
            heading: t("import.heading"), lead: t("import.lead"),
            uploads: [Upload(kind: ImportKind.units.rawValue, heading: t("import.units_heading"), hint: t("import.units_hint"), fieldID: "units-file"),
                      Upload(kind: ImportKind.people.rawValue, heading: t("import.people_heading"), hint: t("import.people_hint"), fieldID: "people-file")],
            fileLabel: t("import.file_label"), check: t("import.check"), settingsLink: t("import.settings_link"), last: lastText,
            problemsHeading: t("import.errors_heading"), problemsLead: t("import.errors_lead"), problems: problems.map { ImportTexts.line($0, t) },
            error: missingFile.map { ($0.rawValue, t("import.no_file")) }, csrf: csrf)
    }
}
