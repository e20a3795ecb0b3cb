import Domain
import Foundation

/// One learning review: what it is about, who leads it, and its improvement proposals, each with its answer or
/// the form that gives one.
struct ReviewPageModel {
    struct Proposal {
        let text: String
        let byline: String
        let status: String
        let overdue: Bool
        let reason: String?
        /// Nil once the answer is final.
        let answerForm: AnswerForm?
    }

    struct AnswerForm {
        let route: SiteRoute
        let answerLabel: String
        let answers: [FormField.Option]
        let reasonLabel: String
        let reasonHint: String
        let version: String
        let submit: String
    }

    let heading: String
    let back: (String, SiteRoute)
    /// Quality advisors answer, conclude and add; the event's leaders read.
    let editable: Bool
    let facts: [String]
    let proposalsHeading: String
    let proposals: [Proposal]
    let empty: String
    let addHeading: String
    let textLabel: String
    let textHint: String
    let proposedByLabel: String
    let proposedByHint: String
    let addSubmit: String
    let reviewID: UUID
    let submissionKey: String
    let csrf: String
    let conclusion: Conclusion
    let family: Family

    struct Conclusion {
        let heading: String
        let label: String
        let options: [FormField.Option]
        let submit: String
    }

    /// The meeting with the patient and family: apology or regret, proposed from the conclusion.
    struct Family {
        let heading: String
        let explanation: String
        let heldAtLabel: String
        let kindLegend: String
        let kinds: [(value: String, label: String, checked: Bool)]
        let rolesLegend: String
        let roles: [(value: String, label: String)]
        let supportLabel: String
        let supportHint: String
        let proposalsLegend: String?
        let adopted: [(id: String, text: String)]
        let submit: String
    }
}

extension ReviewPageModel {
    init(_ review: LearningReviews.Review, proposals: [LearningReviews.Proposal], editable: Bool = true, now: Date, t: Localizer, csrf: String,
         submissionKey: String) {
        self.init(
            heading: t("review.heading", ["about": "\(t.kind(review.eventKind)), \(t.date(review.eventAt))"]),
            back: editable ? (t("review.back"), .reviews) : (t("defusing.back"), .event(review.eventID)),
            editable: editable,
            facts: [t("reviews.facilitator", ["name": review.facilitatorName]), t("reviews.scheduled", ["time": t.dateTime(review.scheduledAt)]),
                    t("reviews.due", ["date": t.date(review.dueAt)]),
                    t.plural("reviews.invited", review.invited, ["declined": "\(review.declined)"]), t("review.system_not_guilt")],
            proposalsHeading: t("review.proposals"),
            proposals: proposals.map { proposal in
                let overdue = LearningReviewRules.isOverdue(answer: proposal.answer, due: proposal.answerDue, now: now)
                let status = proposal.answer.map { t("proposal.answer.\($0.rawValue)") } ?? t("proposal.waiting", ["date": t.date(proposal.answerDue)])
                return Proposal(
                    text: proposal.text,
                    byline: t("proposal.byline", ["name": proposal.proposedByName, "date": t.date(proposal.proposedAt)]),
                    status: overdue ? status + " · " + t("step.overdue") : status,
                    overdue: overdue,
                    reason: proposal.reason,
                    answerForm: editable && LearningReviewRules.isWaiting(answer: proposal.answer) ? AnswerForm(
                        route: .answerProposal(proposal.id), answerLabel: t("proposal.answer_label"),
                        // No answer is chosen in advance: one careless tap must not answer "adopted".
                        answers: [FormField.Option(value: "", label: t("proposal.choose_answer"), selected: true)]
                            + ProposalAnswer.allCases.map { FormField.Option(value: $0.rawValue, label: t("proposal.answer.\($0.rawValue)")) },
                        reasonLabel: t("proposal.reason"), reasonHint: t("proposal.reason_hint"), version: "\(proposal.version)", submit: t("proposal.submit"))
                        : nil)
            },
            empty: t("review.no_proposals"),
            addHeading: t("review.add"),
            textLabel: t("review.text"),
            textHint: t("review.text_hint"),
            proposedByLabel: t("review.proposed_by"),
            proposedByHint: t("review.proposed_by_hint"),
            addSubmit: t("review.add_submit"),
            reviewID: review.id,
            submissionKey: submissionKey,
            csrf: csrf,
            conclusion: Conclusion(
                heading: t("review.conclusion"), label: t("review.conclusion_label"),
                options: [FormField.Option(value: "", label: t("review.conclusion.none"), selected: review.conclusion == nil)]
                    + ReviewConclusion.allCases.map { FormField.Option(value: $0.rawValue, label: t("review.conclusion.\($0.rawValue)"), selected: $0 == review.conclusion) },
                submit: t("profile.save")),
            family: Family(
                heading: t("family.heading"), explanation: t("family.explanation"), heldAtLabel: t("family.held_at"),
                kindLegend: t("family.kind"),
                kinds: FamilyMeetingKind.allCases.map { ($0.rawValue, t("family.kind.\($0.rawValue)"), $0 == FamilyMeetingRules.proposedKind(review.conclusion)) },
                rolesLegend: t("family.roles"),
                roles: AttendeeRole.allCases.map { ($0.rawValue, t("family.role.\($0.rawValue)")) },
                supportLabel: t("family.support"), supportHint: t("family.support_hint"),
                proposalsLegend: proposals.contains { $0.answer == .adopted } ? t("family.proposals") : nil,
                adopted: proposals.filter { $0.answer == .adopted }.map { ($0.id.uuidString, $0.text) },
                submit: t("family.submit")))
    }
}
