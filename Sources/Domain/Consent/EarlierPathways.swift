import Foundation

/// A new event can bring an earlier one back. The person always sees their earlier pathways next to the new one;
/// the responsible leader only with the person's consent, and never a pathway the person kept from leaders.
public enum EarlierPathways {
    public static func mayShow(_ actor: Actor, _ subject: CaseSubject, consented: Bool) -> Bool {
        if actor.organizationID == subject.organizationID && actor.personID == subject.personID { return true }
        return consented && AccessPolicy.decide(actor, .manageSteps, subject) == .allowed
    }
}
