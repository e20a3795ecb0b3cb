import Domain
import Foundation

/// The quality advisor's home: the learning reviews by due date with their proposals waiting for an answer,
/// and the form that registers a new one.
struct ReviewsPageModel {
    struct Row {
        let title: String
        let details: [String]
        let waiting: String?
        let overdue: Bool
        let route: SiteRoute
    }

    let heading: String
    let intro: String
    let waitingHeading: String
    let waitingSummary: String
    let rowsHeading: String
    let rows: [Row]
    let empty: String
    let openLabel: String
    let newHeading: String
    let eventLabel: String
    let events: [FormField.Option]
    let noEvents: String?
    let facilitatorLabel: String
    let facilitatorHint: String
    let scheduledLabel: String
    let submit: String
    let submissionKey: String
    let csrf: String
}

extension ReviewsPageModel {
    init(_ reviews: [LearningReviews.Review], events: [ReviewsController.Reviewable], now: Date, t: Localizer, csrf: String, submissionKey: String) {
        let waiting = reviews.reduce(0) { $0 + $1.waiting }, overdue = reviews.reduce(0) { $0 + $1.overdue }
        self.init(
            heading: t("reviews.heading"),
            intro: t("reviews.intro"),
            waitingHeading: t("reviews.waiting_heading"),
            waitingSummary: waiting == 0 ? t("reviews.none_waiting") : t.plural("reviews.waiting_summary", waiting, ["overdue": "\(overdue)"]),
            rowsHeading: t("reviews.list"),
            rows: reviews.map { review in
                Row(title: "\(t.kind(review.eventKind)), \(t.date(review.eventAt))",
                    details: [t("reviews.facilitator", ["name": review.facilitatorName]), t("reviews.scheduled", ["time": t.dateTime(review.scheduledAt)]),
                              t("reviews.due", ["date": t.date(review.dueAt)]),
                              t.plural("reviews.invited", review.invited, ["declined": "\(review.declined)"])],
                    waiting: review.waiting == 0 ? nil
                        : t.plural("reviews.row_waiting", review.waiting, ["overdue": "\(review.overdue)"]),
                    overdue: review.overdue > 0, route: .review(review.id))
            },
            empty: t("reviews.empty"),
            openLabel: t("reviews.open"),
            newHeading: t("reviews.new"),
            eventLabel: t("reviews.event"),
            events: events.map { FormField.Option(value: $0.id.uuidString, label: "\(t.kind($0.kind)), \(t.date($0.occurredAt)), \($0.unitName)") },
            noEvents: events.isEmpty ? t("reviews.no_events") : nil,
            facilitatorLabel: t("reviews.facilitator_label"),
            facilitatorHint: t("reviews.facilitator_hint"),
            scheduledLabel: t("reviews.scheduled_label"),
            submit: t("reviews.create"),
            submissionKey: submissionKey,
            csrf: csrf)
    }
}
