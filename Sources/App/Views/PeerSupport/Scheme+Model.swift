import Domain
import Foundation

/// The coordinator's overview of the scheme's set-up: its teams, its supporters, and the forms that add to them.
struct SchemePageModel {
    struct Row {
        let title: String
        let detail: String
        let route: SiteRoute
        let linkLabel: String
    }

    let heading: String
    let intro: String
    let back: (String, SiteRoute)
    let responseTime: ResponseTime
    let crisis: Crisis
    let teamsHeading: String
    let teams: [Row]
    let teamsEmpty: String
    let newTeam: NewTeam
    let supportersHeading: String
    let supporters: [Row]
    let supportersEmpty: String
    let addSupporter: AddSupporter
    let csrf: String
    /// Professional help people can be referred to; set by the scheme's controller.
    var services: ServicesSectionModel? = nil
    var checkInSchedule: CheckInScheduleSectionModel? = nil
    var programContacts: ProgramContactsSectionModel? = nil

    struct NewTeam {
        let heading: String
        let nameLabel: String
        let scopeLabel: String
        let scopes: [FormField.Option]
        let unitLabel: String
        let unitHint: String
        let units: [FormField.Option]
        let button: String
        let submissionKey: String
    }

    struct ResponseTime {
        let heading: String
        let label: String
        let hint: String
        let minutes: String
        let button: String
    }

    /// The numbers every person is shown for acute crisis; empty fields mean the country's.
    struct Crisis {
        let heading: String
        let intro: String
        let emergencyLabel: String
        let emergencyHint: String
        let emergency: String
        let outOfHoursLabel: String
        let outOfHoursHint: String
        let outOfHours: String
        let button: String
    }

    struct AddSupporter {
        let heading: String
        let usernameLabel: String
        let usernameHint: String
        let button: String
        let submissionKey: String
    }
}

extension SchemePageModel {
    init(teams: [SchemeReads.TeamRow], program: SupporterDirectory.Program, units: [SchemeReads.Unit], settings: SchemeEditing.Settings, t: Localizer, csrf: String,
         submissionKeys: (String, String)) {
        self.init(
            heading: t("scheme.heading"),
            intro: t("scheme.intro"),
            back: (t("scheme.back"), .program),
            responseTime: ResponseTime(
                heading: t("scheme.response_time"), label: t("scheme.response_minutes"),
                hint: t("scheme.response_hint", ["min": "\(ResponseClock.allowedMinutes.lowerBound)", "max": "\(ResponseClock.allowedMinutes.upperBound)"]),
                minutes: "\(settings.responseMinutes)", button: t("profile.save")),
            crisis: Crisis(
                heading: t("scheme.crisis"), intro: t("scheme.crisis_intro"),
                emergencyLabel: t("scheme.crisis_emergency"),
                emergencyHint: t("scheme.crisis_default", ["number": CrisisContacts.nationalDefault(settings.country).emergency]),
                emergency: settings.emergency ?? "",
                outOfHoursLabel: t("scheme.crisis_out_of_hours"),
                outOfHoursHint: t("scheme.crisis_default", ["number": CrisisContacts.nationalDefault(settings.country).outOfHours])
                    + (settings.country == .denmark ? " " + t("scheme.crisis_regions") : ""),
                outOfHours: settings.outOfHours ?? "", button: t("profile.save")),
            teamsHeading: t("scheme.teams"),
            teams: teams.map { team in
                Row(title: team.name, detail: team.scope == .central ? t("scheme.scope.central") : t("scheme.local_of", ["unit": team.unitName ?? ""]),
                    route: .teamRota(team.id), linkLabel: t("scheme.open_rota"))
            },
            teamsEmpty: t("scheme.teams_empty"),
            newTeam: NewTeam(
                heading: t("scheme.new_team"), nameLabel: t("scheme.team_name"), scopeLabel: t("scheme.scope"),
                scopes: TeamScope.allCases.map { FormField.Option(value: $0.rawValue, label: t("scheme.scope.\($0.rawValue)"), selected: $0 == .local) },
                unitLabel: t("scheme.team_unit"), unitHint: t("scheme.team_unit_hint"),
                units: [FormField.Option(value: "", label: t("scheme.no_unit"))] + units.map { FormField.Option(value: $0.id.uuidString, label: $0.name) },
                button: t("scheme.create_team"), submissionKey: submissionKeys.0),
            supportersHeading: t("scheme.supporters"),
            supporters: program.supporters.map { supporter in
                Row(title: supporter.name, detail: t.plural("program.load", supporter.candidate.cap, ["load": "\(supporter.candidate.activeRequests)"]),
                    route: .supporterProfile(supporter.candidate.id), linkLabel: t("scheme.open_profile"))
            },
            supportersEmpty: t("scheme.supporters_empty"),
            addSupporter: AddSupporter(heading: t("scheme.add_supporter"), usernameLabel: t("scheme.username"), usernameHint: t("scheme.username_hint"),
                                       button: t("scheme.add_supporter_button"), submissionKey: submissionKeys.1),
            csrf: csrf)
    }
}
