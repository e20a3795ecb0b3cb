import Foundation

/// A new event can bring an earlier one back. The person always sees their earlier pathways next to the new one;
/// the pathway's owner only with the person's consent, and never a pathway the person kept from leaders.
public enum EarlierPathways {
    public static func mayShow(_ actor: Actor, _ subject: CaseSubject, consented: Bool) -> Bool {
        if actor.organizationID == subject.organizationID && actor.personID == subject.personID { return true }
        // The question names the owner: the owner alone, not every leader above the person.
        return consented && subject.ownerID == actor.personID && AccessPolicy.decide(actor, .manageSteps, subject) == .allowed
    }
}
