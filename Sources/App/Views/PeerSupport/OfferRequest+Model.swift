import Domain
import Foundation

/// One waiting request as a coordinator sends it on: its wishes and how long it has waited, and whether anyone
/// can take it. No supporter is named: who is missing from a list of those who may take it tells who asked.
struct OfferRequestPageModel {
    let heading: String
    let back: String
    let waited: String
    let details: [String]
    let someoneCanTakeIt: Bool
    /// Why Ivareta chooses the supporter and the coordinator does not.
    let explanation: String
    let empty: String
    let submit: String
    let requestID: UUID
    /// The request's version the page was read at: a second click, or another coordinator first, finds it moved on.
    let version: Int
    let csrf: String
}

extension OfferRequestPageModel {
    init(request: ProgramController.WaitingRequest, version: Int, someoneCanTakeIt: Bool, offeredNow: Bool, now: Date, t: Localizer, csrf: String) {
        let summary = ProgramPageModel.summary(of: request, now: now, t: t)
        self.init(
            heading: t("program.offer_heading"),
            back: t("program.back"),
            waited: summary.title,
            details: summary.details,
            someoneCanTakeIt: someoneCanTakeIt,
            explanation: t("program.offer_explained"),
            empty: t(offeredNow ? "program.offer_nobody_else" : "program.offer_nobody"),
            submit: t("program.assign"),
            requestID: request.id,
            version: version,
            csrf: csrf)
    }
}
