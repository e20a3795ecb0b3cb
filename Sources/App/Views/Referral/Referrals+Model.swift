import Domain
import Foundation

/// The referrals made to occupational health: who, when, how, and the check-ins the person shared.
struct ReferralsPageModel {
    struct SharedCheckIn {
        let title: String
        let answers: [(question: String, answer: String)]
    }

    struct Entry {
        let id: UUID
        let heading: String
        let madeText: String
        /// "Contacted on … by …", or nil while the contact is still to be made.
        let contactedText: String?
        /// How the person would like to be reached, when they said: the way to get in touch.
        var reach: String? = nil
        let sharedHeading: String
        let shared: [SharedCheckIn]
        let nothingShared: String?
    }

    let heading: String
    let intro: String
    let empty: String
    let entries: [Entry]
    let pagination: PaginationModel?
    let markContacted: String
    let csrf: String
}

extension ReferralsPageModel {
    init(_ received: [Referrals.Received], page: Int, hasMore: Bool, instrument: Instrument?, t: Localizer, csrf: String) {
        func text(_ texts: [String: String]) -> String { instrumentText(texts, in: t.language) }
        self.init(
            heading: t("referrals.heading"),
            intro: t("referrals.intro"),
            empty: t("referrals.empty"),
            entries: received.map { referral in
                Entry(
                    id: referral.id,
                    heading: "\(referral.personName) · \(referral.serviceName)",
                    madeText: t(referral.byPerson ? "referrals.by_person" : "referrals.by_leader", ["date": t.date(referral.madeAt)]),
                    contactedText: referral.contacted.map { t("referrals.contacted", ["date": t.date($0.at), "name": $0.by]) },
                    reach: referral.reach.map { t("referrals.reach", ["by": t("reach.\($0.by.rawValue)"), "at": $0.at]) },
                    sharedHeading: t("referrals.shared_heading"),
                    shared: referral.shared.map { shared in
                        SharedCheckIn(
                            title: t("referral.share_item", ["date": t.date(shared.checkIn.answeredAt ?? shared.checkIn.dueAt)]),
                            answers: (instrument?.items ?? []).compactMap { item in
                                shared.answers[item.key].map { value in
                                    let scale = instrument?.scale(of: item)
                                    // A number alone says little to the reader; a scale without words gives its end.
                                    let answer = scale?.labels[value].map(text)
                                        ?? scale.map { t("referrals.value_of", ["value": "\(value)", "max": "\($0.max)"]) } ?? "\(value)"
                                    return (text(item.text), answer)
                                }
                            })
                    },
                    nothingShared: referral.shared.isEmpty ? t("referrals.nothing_shared") : nil)
            },
            pagination: PaginationModel.make(route: .referrals, page: page, hasMore: hasMore, t: t),
            markContacted: t("referrals.mark_contacted"),
            csrf: csrf)
    }
}
