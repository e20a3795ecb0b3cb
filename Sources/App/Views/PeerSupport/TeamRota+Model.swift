import Domain
import Foundation

/// One team's weekly rota and its dated changes, with the forms that add and remove them.
struct TeamRotaPageModel {
    struct Line {
        let text: String
        let remove: SiteRoute
    }

    let heading: String
    let subtitle: String
    let back: (String, SiteRoute)
    let membersHeading: String
    let members: [String]
    let membersEmpty: String
    let shiftsHeading: String
    let shifts: [Line]
    let shiftsEmpty: String
    let changesHeading: String
    let changes: [Line]
    let changesEmpty: String
    let removeLabel: String
    /// Nil while the team has nobody to put on the rota.
    let addShift: AddShift?
    let addChange: AddChange?
    let teamID: UUID
    let csrf: String

    struct AddShift {
        let heading: String
        let weekdayLabel: String
        let weekdays: [FormField.Option]
        let startLabel: String
        let endLabel: String
        let endHint: String
        let supporterLabel: String
        let supporters: [FormField.Option]
        let button: String
        let submissionKey: String
    }

    struct AddChange {
        let heading: String
        let kindLabel: String
        let kinds: [FormField.Option]
        let fromLabel: String
        let toLabel: String
        let supporterLabel: String
        let supporterHint: String
        let supporters: [FormField.Option]
        let button: String
        let submissionKey: String
    }
}

extension TeamRotaPageModel {
    init(_ rota: SchemeReads.TeamRota, t: Localizer, csrf: String, submissionKeys: (String, String)) {
        let supporters = rota.members.map { FormField.Option(value: $0.supporterID.uuidString, label: $0.name) }
        self.init(
            heading: rota.team.name,
            subtitle: rota.team.scope == .central ? t("scheme.scope.central") : t("scheme.local_of", ["unit": rota.team.unitName ?? ""]),
            back: (t("scheme.back_to_scheme"), .programScheme),
            membersHeading: t("rota.members"),
            members: rota.members.map(\.name),
            membersEmpty: t("rota.members_empty"),
            shiftsHeading: t("rota.weekly"),
            shifts: rota.shifts.map { row in
                Line(text: t("rota.shift", ["weekday": t.weekdayName(row.shift.weekday), "start": Self.clock(row.shift.start),
                                            "end": Self.clock(row.shift.end), "name": row.supporterName])
                         + (row.shift.end <= row.shift.start ? " " + t("rota.next_day") : ""),
                     remove: .removeShift(row.id))
            },
            shiftsEmpty: t("rota.weekly_empty"),
            changesHeading: t("rota.changes"),
            changes: rota.changes.map { row in
                let what = t("rota.change.\(row.kind.rawValue)", ["name": row.supporterName ?? ""])
                return Line(text: t("rota.change", ["from": t.dateTime(row.interval.start), "to": t.dateTime(row.interval.end), "what": what]),
                            remove: .removeRotaChange(row.id))
            },
            changesEmpty: t("rota.changes_empty"),
            removeLabel: t("rota.remove"),
            addShift: supporters.isEmpty ? nil : AddShift(
                heading: t("rota.add_shift"), weekdayLabel: t("rota.weekday"),
                weekdays: RotaShift.weekdays.map { FormField.Option(value: "\($0)", label: t.weekdayName($0)) },
                startLabel: t("rota.start"), endLabel: t("rota.end"), endHint: t("rota.end_hint"), supporterLabel: t("rota.supporter"),
                supporters: supporters, button: t("rota.add_shift_button"), submissionKey: submissionKeys.0),
            addChange: AddChange(
                heading: t("rota.add_change"), kindLabel: t("rota.change_kind"),
                kinds: RotaException.Kind.allCases.map { FormField.Option(value: $0.rawValue, label: t("rota.kind.\($0.rawValue)")) },
                fromLabel: t("rota.from"), toLabel: t("rota.to"), supporterLabel: t("rota.supporter"), supporterHint: t("rota.change_supporter_hint"),
                supporters: [FormField.Option(value: "", label: t("rota.nobody"))] + supporters,
                button: t("rota.add_change_button"), submissionKey: submissionKeys.1),
            teamID: rota.team.id,
            csrf: csrf)
    }

    static func clock(_ minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}
