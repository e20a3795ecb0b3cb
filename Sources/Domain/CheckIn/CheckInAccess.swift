import Foundation

/// Who may read a check-in's answers: the person who gave them, and nobody else — except what the person shares
/// in a referral, which occupational health then reads for that referral only.
public enum CheckInAccess {
    public struct Subject: Sendable {
        public var organizationID: UUID
        public var personID: UUID

        public init(organizationID: UUID, personID: UUID) {
            self.organizationID = organizationID
            self.personID = personID
        }
    }

    /// Answering, skipping and reading one's own check-ins. Anyone else learns nothing, not even that it exists.
    public static func mayUse(_ actor: Actor, _ subject: Subject) -> AccessDecision {
        actor.organizationID == subject.organizationID && actor.personID == subject.personID ? .allowed : .notFound
    }

    /// Reading a check-in the person shared in a referral: occupational health, when the referral is to a service
    /// of theirs. The person always reads their own.
    public static func mayReadShared(_ actor: Actor, _ subject: Subject, sharedInReferralTo service: ServiceKind?) -> AccessDecision {
        if mayUse(actor, subject) == .allowed { return .allowed }
        guard actor.organizationID == subject.organizationID, let service else { return .notFound }
        return ReferralAccess.mayReceive(actor, service: service) ? .allowed : .notFound
    }

    /// The "needs attention" signal goes to the case owner the person consented to, not to every leader above
    /// them: the question names the owner, so the owner alone sees it.
    public static func maySeeAttentionSignal(_ actor: Actor, _ subject: CaseSubject, consented: Bool) -> Bool {
        consented && actor.personID != subject.personID && subject.ownerID == actor.personID
            && AccessPolicy.decide(actor, .manageSteps, subject) == .allowed
    }
}
