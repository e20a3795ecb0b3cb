import Domain
import Foundation

/// One waiting request as a coordinator offers it: its wishes and how long it has waited, and only the supporters
/// the matching allows. Never who asked.
struct OfferRequestPageModel {
    let heading: String
    let back: String
    let waited: String
    let details: [String]
    let legend: String
    /// (profile id, "name · load"), best match first.
    let supporters: [(id: String, label: String)]
    let empty: String
    let submit: String
    let requestID: UUID
    let csrf: String
}

extension OfferRequestPageModel {
    init(request: ProgramController.WaitingRequest, offerable: [SupporterDirectory.Supporter], now: Date,
         t: Localizer, csrf: String) {
        let summary = ProgramPageModel.summary(of: request, now: now, t: t)
        self.init(
            heading: t("program.offer_heading"),
            back: t("program.back"),
            waited: summary.title,
            details: summary.details,
            legend: t("program.assign_label"),
            supporters: offerable.map { supporter in
                let candidate = supporter.candidate
                return (candidate.id.uuidString, "\(supporter.name) · \(t.plural("program.load", candidate.cap, ["load": "\(candidate.activeRequests)"]))")
            },
            empty: t("program.offer_nobody"),
            submit: t("program.assign"),
            requestID: request.id,
            csrf: csrf)
    }
}
