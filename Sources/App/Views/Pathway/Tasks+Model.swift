import Domain
import Foundation

/// A leader's tasks: one card per person's pathway, the acute phase and the soonest due first, each saying
/// after which event (kind, unit, time) or that the person asked for support themself; above them, what was
/// escalated to this leader from the pathways of people they lead.
struct TasksPageModel {
    struct Step {
        let title: String
        let dueText: String
        let overdueLabel: String?
    }

    struct Group {
        let personName: String
        let context: String
        let isOwnRequest: Bool
        /// The soonest few steps with a due time; the rest are counted.
        let steps: [Step]
        let more: String?
        let route: SiteRoute
        let overdue: Bool
    }

    struct Escalation {
        let text: String
        let about: String?
        let link: String
    }

    let heading: String
    let intro: String
    let empty: String
    let groups: [Group]
    let escalationsHeading: String
    let escalations: [Escalation]
    let registerEvent: String
    let pagination: PaginationModel?
}

extension TasksPageModel {
    /// A card shows the three steps due soonest: enough to act on, short enough for a phone.
    static let stepsShown = 3

    init(_ groups: [TasksController.Group], escalations: [TasksController.Escalation], page: Int, hasMore: Bool, now: Date, t: Localizer) {
        func late(_ due: Date) -> String {
            let hours = max(1, Int(now.timeIntervalSince(due) / 3600))
            return hours < 48 ? t.plural("tasks.late_hours", hours) : t.plural("tasks.late_days", hours / 24)
        }
        self.init(
            heading: t("tasks.heading"),
            intro: t("tasks.intro"),
            // Said of the leader's own pathways only, so it never contradicts the escalations above it.
            empty: t(escalations.isEmpty ? "tasks.empty" : "tasks.empty_own"),
            groups: groups.map { group in
                let dated = group.steps.filter { $0.dueAt != nil }
                let shown = Array((dated.isEmpty ? group.steps : dated).prefix(Self.stepsShown))
                let steps = shown.map { task in
                    Step(title: t.stepTitle(task.key, forPerson: false), dueText: task.dueAt.map(t.due) ?? t("step.no_due"),
                         overdueLabel: PathwayStep(key: task.key, status: task.status, dueAt: task.dueAt).isOverdue(now: now) ? t("step.overdue") : nil)
                }
                let context = group.eventKind.map { kind in
                    [t.kind(kind), group.unitName, group.eventAt.map(t.dateTime)].compactMap { $0 }.joined(separator: " · ")
                } ?? t("tasks.own_request")
                let hidden = group.steps.count - shown.count
                return Group(personName: group.personName, context: context, isOwnRequest: group.isOwnRequest, steps: steps,
                             more: hidden > 0 ? t.plural("tasks.more", hidden) : nil,
                             route: .caseDetail(group.caseID), overdue: steps.contains { $0.overdueLabel != nil })
            },
            escalationsHeading: t("tasks.escalations"),
            // One line per pathway here, each leading to it: this is where a digest in the inbox sends the leader.
            escalations: escalations.map { escalation in
                Escalation(text: t("tasks.escalation", ["name": escalation.personName, "step": t.stepTitle(escalation.step, forPerson: false),
                                                        "late": late(escalation.dueAt)]),
                           about: Optional([escalation.ownerName.map { t("tasks.escalation_owner", ["name": $0]) },
                                            escalation.eventKind.flatMap { kind in escalation.eventAt.map { t("inbox.about_event", ["kind": t.kind(kind), "date": t.date($0)]) } }]
                               .compactMap { $0 }.joined(separator: " · ")).flatMap { $0.isEmpty ? nil : $0 },
                           link: SiteRoute.caseDetail(escalation.caseID).path)
            },
            registerEvent: t("nav.new_event"),
            pagination: PaginationModel.make(route: .tasks, page: page, hasMore: hasMore, t: t))
    }
}
