import Foundation

/// The professional help an organization offers beyond its own people (tier 3).
public enum ServiceKind: String, CaseIterable, Sendable, Codable {
    case occupationalHealth = "occupational_health"
    case psychologist
    case professionalAssociation = "professional_association"
}

/// Who may refer, and who receives referrals.
public enum ReferralAccess {
    /// A referral is made by the person, or by their responsible leader when the person agrees.
    public static func mayRefer(_ actor: Actor, _ subject: CaseSubject, personAgrees: Bool) -> AccessDecision {
        guard actor.organizationID == subject.organizationID else { return .notFound }
        if actor.personID == subject.personID { return .allowed }
        let decision = AccessPolicy.decide(actor, .manageSteps, subject)
        guard decision == .allowed else { return decision }
        return personAgrees ? .allowed : .forbidden
    }

    /// Occupational health sees the referrals made to it, and what the person chose to share in each.
    /// Psychologists and associations outside the organization have no account here: the person gets their
    /// contact details instead.
    public static func mayReceive(_ actor: Actor, service: ServiceKind) -> Bool {
        service == .occupationalHealth && actor.roles.contains(.occupationalHealth)
    }

    /// The services and their contact details are the program's to keep.
    public static func mayConfigureServices(_ actor: Actor) -> Bool { actor.roles.contains(.coordinator) }
}

/// What a service's settings must hold to be offered.
public enum ServiceRules {
    public enum Problem: String, Error, Sendable, Equatable {
        case nameMissing = "name_missing"
        case nameTooLong = "name_too_long"
        case contactMissing = "contact_missing"
        case contactTooLong = "contact_too_long"
        case unreadable
        /// The organization lists a service of this kind by this name already.
        case alreadyListed = "already_listed"
    }

    static func isShowable(_ scalar: Unicode.Scalar) -> Bool {
        !CharacterSet.controlCharacters.contains(scalar) && !(0x202A...0x202E).contains(scalar.value) && !(0x2066...0x2069).contains(scalar.value)
    }

    public static let nameLimit = 120
    public static let contactLimit = 300

    public static func check(name: String, contact: String) -> [Problem] {
        var problems: [Problem] = []
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let contact = contact.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { problems.append(.nameMissing) } else if name.unicodeScalars.count > nameLimit { problems.append(.nameTooLong) }
        if contact.isEmpty { problems.append(.contactMissing) } else if contact.unicodeScalars.count > contactLimit { problems.append(.contactTooLong) }
        // Shown to people in distress and to occupational health: no control characters, and no direction
        // overrides that would turn the text after them around.
        if !(name + contact).unicodeScalars.allSatisfy(isShowable) { problems.append(.unreadable) }
        return problems
    }
}
