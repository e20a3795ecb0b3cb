import Domain
import Foundation

/// The page a leader holds the defusing conversation with: a short guide, then the form, which records who
/// took part, a few facts, the reminders given and each participant's three answers.
struct DefusingPageModel {
    struct Person {
        let id: String
        let name: String
        let took: Bool
        /// Nil until answered: nothing is ticked in advance.
        let colleague: Bool?
        let needsHelp: Bool?
        let helpKinds: [FormField.Option]
        let tonight: Bool?
    }

    struct Row {
        let number: Int
        let time: String
        let fact: String
    }

    /// A conversation as it was recorded, read back in words: when and by whom, the facts, the reminders given
    /// and each participant's three answers.
    struct Recorded {
        let title: String
        let facts: [String]
        let reminders: String
        let answers: [String]
    }

    let heading: String
    let context: String
    let back: (String, SiteRoute)
    let guideHeading: String
    let guide: [String]
    let avoidHeading: String
    let avoid: [String]
    let errors: [(field: String, message: String)]
    let errorSummaryHeading: String
    let heldAtLabel: String
    let heldAt: String
    let durationLabel: String
    let durationHint: String
    let duration: String
    let peopleLegend: String
    let peopleHint: String
    let people: [Person]
    let alreadyTookPart: [String]
    let alreadyLabel: String?
    let tookLabel: String
    let colleagueLabel: String
    let needsHelpLabel: String
    let helpKindLabel: String
    let tonightLabel: String
    let yes: String
    let no: String
    let timelineLegend: String
    let timelineHint: String
    let timeLabel: String
    let factLabel: String
    let rows: [Row]
    let remindersLegend: String
    let reminders: [(value: String, label: String, checked: Bool)]
    let submit: String
    let submissionKey: String
    let eventID: UUID
    let csrf: String
    /// Nobody is left to take part: the page says so instead of showing the form.
    let everyoneTookPart: String?
    let recordedHeading: String
    let recorded: [Recorded]
}

extension DefusingPageModel {
    init(_ event: DefusingConversations.EventPeople, recorded: [DefusingConversations.Recorded], form: DefusingForm?,
         errors: [(field: String, message: String)], now: Date, timeZone: TimeZone, t: Localizer, csrf: String, submissionKey: String) {
        func yesNo(_ value: Bool) -> String { t(value ? "answer.yes" : "answer.no") }
        let open = event.involved.filter { !$0.tookPart }
        let sent = form.map { Set($0.took ?? []) }
        self.init(
            heading: t("defusing.heading"),
            context: t("defusing.context", ["kind": t.kind(event.kind), "date": t.dateTime(event.occurredAt)]),
            back: (t("defusing.back"), .event(event.eventID)),
            guideHeading: t("defusing.guide_heading"),
            guide: ["defusing.guide.facts", "defusing.guide.short", "defusing.guide.normal", "defusing.guide.questions"].map { t($0) },
            avoidHeading: t("defusing.avoid_heading"),
            avoid: ["defusing.avoid.feelings", "defusing.avoid.blame", "defusing.avoid.debriefing"].map { t($0) },
            errors: errors,
            errorSummaryHeading: t("form.errors"),
            heldAtLabel: t("defusing.held_at"),
            heldAt: form?.heldAt ?? LocalDateTime.format(now, timeZone: timeZone),
            durationLabel: t("defusing.duration"),
            durationHint: t("defusing.duration_hint", ["minutes": "\(DefusingRules.recommendedMinutes)"]),
            duration: form?.durationMinutes ?? "30",
            peopleLegend: t("defusing.people"),
            peopleHint: t("defusing.people_hint"),
            people: open.map { person in
                let id = person.personID.uuidString
                let kind = form?.helpKind?[id]
                return Person(id: id, name: person.name, took: sent.map { $0.contains(id) } ?? true,
                              colleague: DefusingForm.answer(form?.colleague, person.personID), needsHelp: DefusingForm.answer(form?.needsHelp, person.personID),
                              // Nothing chosen in advance, as with the questions themselves.
                              helpKinds: [FormField.Option(value: "", label: t("defusing.help_choose"), selected: kind == nil || kind == "")]
                                  + PracticalHelp.allCases.map { FormField.Option(value: $0.rawValue, label: t("defusing.help.\($0.rawValue)"), selected: $0.rawValue == kind) },
                              tonight: DefusingForm.answer(form?.tonight, person.personID))
            },
            alreadyTookPart: event.involved.filter(\.tookPart).map(\.name),
            alreadyLabel: event.involved.contains(where: \.tookPart) ? t("defusing.already") : nil,
            tookLabel: t("defusing.took"),
            colleagueLabel: t("defusing.q.colleague"),
            needsHelpLabel: t("defusing.q.help"),
            helpKindLabel: t("defusing.help_kind"),
            tonightLabel: t("defusing.q.tonight"),
            yes: t("answer.yes"),
            no: t("answer.no"),
            timelineLegend: t("defusing.timeline"),
            timelineHint: t("defusing.timeline_hint"),
            timeLabel: t("defusing.fact_time"),
            factLabel: t("defusing.fact"),
            rows: (1...DefusingForm.timelineRows).map { Row(number: $0, time: form?.factAt?["\($0)"] ?? "", fact: form?.fact?["\($0)"] ?? "") },
            remindersLegend: t("defusing.reminders"),
            reminders: DefusingReminder.allCases.map { reminder in
                (reminder.rawValue, t("defusing.reminder.\(reminder.rawValue)"), (form?.reminders ?? []).contains(reminder.rawValue))
            },
            submit: t("defusing.submit"),
            submissionKey: submissionKey,
            eventID: event.eventID,
            csrf: csrf,
            everyoneTookPart: open.isEmpty ? t("defusing.everyone") : nil,
            recordedHeading: t("defusing.recorded_heading"),
            recorded: recorded.map { conversation in
                Recorded(
                    title: t("defusing.recorded_title", ["time": t.dateTime(conversation.heldAt), "holder": conversation.heldBy,
                                                         "minutes": "\(conversation.durationMinutes)"]),
                    facts: conversation.timeline.map { "\(t.time($0.at)) \($0.fact)" },
                    reminders: conversation.reminders.isEmpty ? t("defusing.recorded_no_reminders")
                        : t("defusing.recorded_reminders", ["reminders": DefusingReminder.allCases.filter(conversation.reminders.contains)
                            .map { t("defusing.reminder.\($0.rawValue)") }.joined(separator: "; ")]),
                    answers: conversation.participants.map { person in
                        t("defusing.recorded_answers", [
                            "name": person.name, "colleague": yesNo(person.wantsColleague),
                            "help": person.practicalHelp.map { t("defusing.help.\($0.rawValue)") } ?? yesNo(false),
                            "tonight": yesNo(person.hasSomeoneTonight),
                        ])
                    })
            })
    }
}
