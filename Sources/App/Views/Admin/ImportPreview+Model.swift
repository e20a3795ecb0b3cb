import Domain
import Foundation

/// What a held HR file would change, in lists an administrator can check line by line, and the button that
/// applies exactly that.
struct ImportPreviewPageModel {
    struct Section {
        let heading: String
        let lines: [String]
        /// "…and 120 more." when the list is longer than a page should be.
        let more: String?
    }

    let heading: String
    let counts: [String]
    let sections: [Section]
    let notice: String?
    let nothing: String?
    let apply: (route: SiteRoute, fingerprint: String, label: String)?
    let back: String
    let csrf: String

    /// Lines shown per list; the counts above say how many there are in all.
    static let shown = 50
}

extension ImportPreviewPageModel {
    init(_ preview: HRImports.Preview, stagedID: UUID, notice: String?, t: Localizer, csrf: String) {
        func section(_ key: String, _ lines: [String]) -> Section? {
            guard !lines.isEmpty else { return nil }
            return Section(heading: t("import.section.\(key)"), lines: Array(lines.prefix(Self.shown)),
                           more: lines.count > Self.shown ? t.plural("import.more", lines.count - Self.shown) : nil)
        }
        let person = { (number: String) in t("import.person", ["name": preview.personNames[number] ?? "", "number": number]) }
        let unit = { (code: String) in t("import.unit", ["name": preview.unitNames[code] ?? "", "code": code]) }
        let units = { (ids: Set<UUID>) in ids.compactMap { preview.unitCodes[$0] }.sorted().map(unit).joined(separator: ", ") }
        var sections: [Section?] = []
        var counts: [(String, Int)] = []
        if let plan = preview.units {
            let c = preview.counts
            counts = [("added", c.added), ("changed", c.changed), ("moved", c.moved), ("unchanged", c.unchanged)]
            sections.append(section("added", plan.added.map { unit($0.code) }))
            sections.append(section("changed", plan.changed.map { change in
                t("import.changed_line", ["what": unit(change.row.code), "fields": change.fields.map { t("import.change.\($0.rawValue)") }.joined(separator: ", ")])
            }))
            sections.append(section("left", plan.left.map { unit($0.code ?? "") }))
        }
        if let plan = preview.people {
            let c = preview.counts
            counts = [("added", c.added), ("changed", c.changed), ("moved", c.moved), ("deactivated", c.deactivated), ("reactivated", c.reactivated),
                      ("unchanged", c.unchanged)]
            sections.append(section("added", plan.added.map { person($0.employeeNumber) }))
            sections.append(section("changed", plan.changed.filter { $0.fields.contains { $0 != .units } }.map { change in
                t("import.changed_line", ["what": person(change.row.employeeNumber),
                                          "fields": change.fields.filter { $0 != .units }.map { t("import.change.\($0.rawValue)") }.joined(separator: ", ")])
            }))
            sections.append(section("moved", plan.moved.map { change in
                t("import.moved_line", ["who": person(change.row.employeeNumber), "from": units(change.unitsBefore), "to": units(change.row.units)])
            }))
            sections.append(section("deactivated", plan.deactivated.map { person($0.employeeNumber ?? "") }))
            sections.append(section("reactivated", plan.reactivated.map { person($0.row.employeeNumber) }))
            sections.append(section("unmapped", plan.unmappedTitles.sorted { $0.key < $1.key }.map { t.plural("import.unmapped", $0.value, ["title": $0.key]) }))
        }
        sections.append(section("leaders_gained", preview.leaders.gained.map { scope in
            t(preview.inferredUnits.contains(scope.unitCode) ? "import.leads_as_manager" : "import.leads",
              ["who": person(scope.employeeNumber), "unit": unit(scope.unitCode)])
        }))
        sections.append(section("leaders_lost", preview.leaders.lost.map { t("import.leads", ["who": person($0.employeeNumber), "unit": unit($0.unitCode)]) }))
        self.init(
            heading: t("import.preview_heading.\(preview.kind.rawValue)"),
            counts: counts.map { t.plural("import.count.\($0.0)", $0.1) },
            sections: sections.compactMap { $0 },
            notice: notice,
            nothing: preview.hasWrites ? nil : t("import.nothing"),
            apply: preview.hasWrites ? (SiteRoute.applyImport(stagedID), preview.fingerprint, t("import.apply")) : nil,
            back: t("import.back"), csrf: csrf)
    }
}
