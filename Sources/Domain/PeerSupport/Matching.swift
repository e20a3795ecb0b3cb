import Foundation

/// Who may support whom, and who fits best. Pure: the caller gathers the candidates and the clock.
public enum Matching {
    public struct Suggestion: Sendable, Equatable {
        public let supporterID: UUID
        public let reasons: [MatchReason]
    }

    /// The first hard rule choosing `candidate` would break, in the order of `MatchRule`; nil when they may be chosen.
    public static func refusal(_ candidate: SupporterCandidate, for seeker: SupportSeeker, wishes: SupportWishes, now: Date) -> MatchRule? {
        if candidate.personID == seeker.personID { return .ownSelf }
        if seeker.involvedInEvent.contains(candidate.personID) { return .sameEvent }
        if seeker.investigators.contains(candidate.personID) { return .investigator }
        if seeker.reviewFacilitators.contains(candidate.personID) { return .reviewFacilitator }
        if seeker.leaders.contains(candidate.personID) && !wishes.ownLeaderWelcome { return .ownLeader }
        if seeker.teammates.contains(candidate.id) { return .ownTeam }
        if seeker.passedBy.contains(candidate.id) { return .passed }
        if wishes.outsideUnit && !candidate.units.isDisjoint(with: seeker.units) { return .ownUnit }
        if candidate.isOnLeave(at: now) { return .onLeave }
        if candidate.activeRequests >= candidate.cap { return .overCap }
        return nil
    }

    /// Why `candidate` fits this person, in the order the person reads them.
    public static func reasons(_ candidate: SupporterCandidate, for seeker: SupportSeeker, wishes: SupportWishes) -> [MatchReason] {
        var reasons: [MatchReason] = []
        if candidate.onCallNow { reasons.append(.onCallNow) }
        if candidate.profession == seeker.profession { reasons.append(.sameProfession) }
        if let language = wishes.language, candidate.languages.contains(language) { reasons.append(.speaksLanguage) }
        if candidate.units.isDisjoint(with: seeker.units) { reasons.append(.outsideUnit) }
        return reasons
    }

    /// Up to `limit` supporters who break no hard rule: on call now first, then those who meet more of the
    /// person's wishes, then the least loaded; ties by id, so the same situation always gives the same list.
    public static func suggestions(from candidates: [SupporterCandidate], for seeker: SupportSeeker, wishes: SupportWishes, now: Date,
                                   limit: Int = 3) -> [Suggestion] {
        let allowed = candidates.filter { refusal($0, for: seeker, wishes: wishes, now: now) == nil }
        func wishesMet(_ candidate: SupporterCandidate) -> Int {
            var met = 0
            if wishes.sameProfession && candidate.profession == seeker.profession { met += 1 }
            if let language = wishes.language, candidate.languages.contains(language) { met += 1 }
            if wishes.outsideUnit && candidate.units.isDisjoint(with: seeker.units) { met += 1 }
            return met
        }
        let ranked = allowed.sorted { a, b in
            if a.onCallNow != b.onCallNow { return a.onCallNow }
            let (metA, metB) = (wishesMet(a), wishesMet(b))
            if metA != metB { return metA > metB }
            if a.activeRequests != b.activeRequests { return a.activeRequests < b.activeRequests }
            return a.id.uuidString < b.id.uuidString
        }
        return ranked.prefix(max(0, limit)).map { Suggestion(supporterID: $0.id, reasons: reasons($0, for: seeker, wishes: wishes)) }
    }
}
