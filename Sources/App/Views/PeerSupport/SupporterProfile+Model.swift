import Domain
import Foundation

/// A supporter's profile: for a coordinator every part of it, for the supporter their own availability (how
/// many people they can support at once) and their leave. Never whom they support.
struct SupporterProfilePageModel {
    let heading: String
    let intro: String
    let back: (String, SiteRoute)?
    let load: String
    let capLabel: String
    let capHint: String
    let capValue: String
    /// The parts only a coordinator edits.
    let scheme: SchemePart?
    let save: String
    let version: String
    let leaveHeading: String
    let leave: [(text: String, remove: SiteRoute)]
    let leaveEmpty: String
    let removeLabel: String
    let addLeave: AddLeave
    let supporterID: UUID
    let csrf: String

    struct SchemePart {
        let teamsLabel: String
        let teams: [(id: String, label: String, checked: Bool)]
        let unitsLabel: String
        let unitsHint: String
        let units: [FormField.Option]
        let languagesLabel: String
        let languagesHint: String
        let languages: String
        let trainedLabel: String
        let trained: String
        let supervisionLabel: String
        let supervision: String
    }

    struct AddLeave {
        let heading: String
        let fromLabel: String
        let toLabel: String
        let hint: String
        let button: String
        let submissionKey: String
    }
}

extension SupporterProfilePageModel {
    init(_ profile: SchemeReads.Profile, load: Int, leave: [SchemeReads.Leave], teams: [SchemeReads.TeamRow], units: [SchemeReads.Unit]?,
         isOwn: Bool, timeZone: TimeZone, t: Localizer, csrf: String, submissionKey: String) {
        func day(_ date: Date?) -> String { date.map { String(LocalDateTime.format($0, timeZone: timeZone).prefix(10)) } ?? "" }
        self.init(
            heading: isOwn ? t("availability.heading") : profile.name,
            intro: isOwn ? t("availability.intro") : t("profile.intro"),
            back: isOwn ? (t("availability.back"), .supportRequests) : (t("scheme.back_to_scheme"), .programScheme),
            load: t.plural("program.load", profile.cap, ["load": "\(load)"]),
            capLabel: isOwn ? t("availability.cap") : t("profile.cap"),
            capHint: t("profile.cap_hint", ["min": "\(SchemeRules.caps.lowerBound)", "max": "\(SchemeRules.caps.upperBound)"]),
            capValue: "\(profile.cap)",
            scheme: units.map { units in
                SchemePart(
                    teamsLabel: t("profile.teams"),
                    teams: teams.map { ($0.id.uuidString, $0.name, profile.teams.contains($0.id)) },
                    unitsLabel: t("profile.units"), unitsHint: t("profile.units_hint"),
                    units: units.map { FormField.Option(value: $0.id.uuidString, label: $0.name, selected: profile.unitsServed.contains($0.id)) },
                    languagesLabel: t("profile.languages"), languagesHint: t("profile.languages_hint"),
                    languages: profile.languages.joined(separator: ", "),
                    trainedLabel: t("profile.trained"), trained: day(profile.trainedOn),
                    supervisionLabel: t("profile.supervision"), supervision: day(profile.nextSupervisionAt))
            },
            save: t("profile.save"),
            version: "\(profile.version)",
            leaveHeading: isOwn ? t("availability.leave") : t("profile.leave"),
            leave: leave.map { (t("profile.leave_line", ["from": t.date($0.interval.start), "to": t.date($0.interval.end.addingTimeInterval(-1))]),
                                SiteRoute.removeLeave($0.id)) },
            leaveEmpty: t("profile.leave_empty"),
            removeLabel: t("rota.remove"),
            addLeave: AddLeave(heading: t("profile.add_leave"), fromLabel: t("profile.leave_from"), toLabel: t("profile.leave_to"),
                               hint: t("profile.leave_hint"), button: t("profile.add_leave_button"), submissionKey: submissionKey),
            supporterID: profile.id,
            csrf: csrf)
    }
}
