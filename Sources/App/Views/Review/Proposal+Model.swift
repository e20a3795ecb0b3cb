import Domain
import Foundation

/// An improvement proposal as the person who made it sees it: their words and the organization's answer.
struct ProposalPageModel {
    let heading: String
    let about: String
    let text: String
    let status: String
    let reason: String?
}

extension ProposalPageModel {
    init(_ proposal: LearningReviews.Proposal, t: Localizer) {
        self.init(
            heading: t("proposal.heading"),
            about: t("inbox.about_event", ["kind": t.kind(proposal.eventKind), "date": t.date(proposal.eventAt)]),
            text: proposal.text,
            status: proposal.answer.map { t("proposal.answer.\($0.rawValue)") } ?? t("proposal.waiting", ["date": t.date(proposal.answerDue)]),
            reason: proposal.reason)
    }
}
