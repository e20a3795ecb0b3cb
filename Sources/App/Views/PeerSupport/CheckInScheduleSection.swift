import Domain
@preconcurrency import Plot

/// The organization's check-in schedule on the scheme page: which times after an event people are asked.
struct CheckInScheduleSectionModel {
    let heading: String
    let intro: String
    let legend: String
    let options: [(code: String, label: String, checked: Bool)]
    let shown: String
    let button: String

    init(_ schedule: CheckInSchedule, t: Localizer) {
        heading = t("scheme.check_ins")
        intro = t("scheme.check_ins_intro")
        legend = t("scheme.check_ins_legend")
        options = CheckInSchedule.choices.map { offset in
            let label: String = switch offset {
            case .days(let n): t.plural("scheme.check_ins.days", n)
            case .weeks(let n): t.plural("scheme.check_ins.weeks", n)
            case .months(let n): t.plural("scheme.check_ins.months", n)
            }
            return (offset.code, label, schedule.offsets.contains(offset))
        }
        shown = CheckInSchedules.codes(schedule)
        button = t("profile.save")
    }
}

struct CheckInScheduleSectionView {
    let model: CheckInScheduleSectionModel
    let csrf: String

    var node: BodyNode {
        Markup.el("section", [("id", "check-in-schedule"), ("aria-labelledby", "check-in-schedule-heading")], [
            Markup.el("h2", [("id", "check-in-schedule-heading")], text: model.heading),
            Markup.el("p", [("class", "muted")], text: model.intro),
            Markup.form(to: .setCheckInSchedule, csrf: csrf, [("class", "stack")], [
                Markup.hidden("shown", model.shown),
                Markup.el("fieldset", [], [Markup.el("legend", text: model.legend)] + model.options.map { option in
                    Markup.checkbox(name: "offsets[]", value: option.code, label: option.label, checked: option.checked, id: "offset-\(option.code)")
                }),
                Markup.button(model.button, [("class", "primary")]),
            ]),
        ])
    }
}
