import Foundation

public enum AccessDecision: Sendable, Equatable {
    case allowed
    /// The object exists, in the actor's organization, but they may not do this.
    case forbidden
    /// The object belongs to another organization: its existence is not revealed.
    case notFound
}

/// Everything the policy needs to know about a case.
public struct CaseSubject: Sendable {
    public var organizationID: UUID
    public var personID: UUID
    public var ownerID: UUID?
    public var personUnits: Set<UUID>
    /// False for a self-referral the person kept from their leader: then no leader sees it, whatever their scope.
    public var sharedWithLeader: Bool

    public init(organizationID: UUID, personID: UUID, ownerID: UUID?, personUnits: Set<UUID>, sharedWithLeader: Bool) {
        self.organizationID = organizationID
        self.personID = personID
        self.ownerID = ownerID
        self.personUnits = personUnits
        self.sharedWithLeader = sharedWithLeader
    }
}

public struct EventSubject: Sendable {
    public var organizationID: UUID
    public var unitID: UUID

    public init(organizationID: UUID, unitID: UUID) {
        self.organizationID = organizationID
        self.unitID = unitID
    }
}

public struct PersonSubject: Sendable {
    public var organizationID: UUID
    public var personID: UUID
    public var units: Set<UUID>

    public init(organizationID: UUID, personID: UUID, units: Set<UUID>) {
        self.organizationID = organizationID
        self.personID = personID
        self.units = units
    }
}

public enum CaseAction: Sendable, CaseIterable {
    case view
    /// Any allowed move of a step.
    case manageSteps
    /// Accepting or declining what was offered: the person's own choice.
    case answerOffer
    case close
    case reopen
}

/// The one place that decides who may do what. Support data is visible to the person and to the leaders
/// responsible for them; coordinators, quality advisors, occupational health and administrators never see a
/// case's pathway here (they get figures, events, referrals and settings elsewhere).
public enum AccessPolicy {
    public static func decide(_ actor: Actor, _ action: CaseAction, _ subject: CaseSubject) -> AccessDecision {
        guard actor.organizationID == subject.organizationID else { return .notFound }
        let isPerson = actor.personID == subject.personID
        // A case the person kept to themself is not even known to exist by anyone else: a 403 would tell.
        guard isPerson || subject.sharedWithLeader else { return .notFound }
        // The person's own choice wins over any leader's scope.
        let isResponsibleLeader = holdsLeaderRole(actor.roles) && subject.sharedWithLeader
            && (subject.ownerID == actor.personID || actor.leads(anyOf: subject.personUnits))
        let allowed: Bool = switch action {
        case .view: isPerson || isResponsibleLeader
        case .manageSteps, .close: isResponsibleLeader && !isPerson
        case .answerOffer, .reopen: isPerson || isResponsibleLeader
        }
        return allowed ? .allowed : .forbidden
    }

    /// The involved person may only say yes or no to what is offered; leaders move steps along the pathway.
    public static func mayMoveStep(_ actor: Actor, _ subject: CaseSubject, to status: StepStatus) -> AccessDecision {
        let manage = decide(actor, .manageSteps, subject)
        if manage != .forbidden { return manage }
        guard status == .accepted || status == .declined else { return manage }
        return decide(actor, .answerOffer, subject)
    }

    public static func mayRegisterEvent(_ actor: Actor, in subject: EventSubject) -> AccessDecision {
        guard actor.organizationID == subject.organizationID else { return .notFound }
        return actor.leads(anyOf: [subject.unitID]) ? .allowed : .forbidden
    }

    /// An event is corrected (its time, its people) by a leader of its unit, as it was registered.
    public static func mayCorrectEvent(_ actor: Actor, _ subject: EventSubject) -> AccessDecision {
        mayRegisterEvent(actor, in: subject)
    }

    /// The defusing conversation is held and recorded by a leader of the event's unit, who also reads it back:
    /// it holds each participant's answers, which are support data, so quality advisors do not see it.
    public static func mayHoldDefusing(_ actor: Actor, _ subject: EventSubject) -> AccessDecision {
        mayRegisterEvent(actor, in: subject)
    }

    /// Asking a peer supporter for someone who said yes: the leader who follows their pathway, or the leader who
    /// held their event's defusing conversation and heard the yes there, whichever unit the person works in.
    public static func mayAskSupportOnBehalf(_ actor: Actor, _ subject: CaseSubject, afterDefusingOf event: EventSubject?) -> AccessDecision {
        // A pathway the person keeps from leaders stays kept, whatever was heard.
        if let event, subject.sharedWithLeader, event.organizationID == subject.organizationID, mayHoldDefusing(actor, event) == .allowed {
            return .allowed
        }
        return decide(actor, .manageSteps, subject)
    }

    /// Quality advisors see events (never support data); leaders see their units' events.
    public static func mayViewEvent(_ actor: Actor, _ subject: EventSubject) -> AccessDecision {
        guard actor.organizationID == subject.organizationID else { return .notFound }
        return actor.leads(anyOf: [subject.unitID]) || actor.roles.contains(.qualityAdvisor) ? .allowed : .forbidden
    }

    /// A learning review and its proposals: the quality advisors who run it, and the leaders of the event's unit
    /// (read only). Reviews are about the system, never about support, so nothing else is needed.
    public static func mayReadReview(_ actor: Actor, _ subject: EventSubject) -> AccessDecision {
        mayViewEvent(actor, subject)
    }

    /// Leaders see the people of their units (to name who was involved); administrators see everyone;
    /// everybody sees themself.
    public static func mayViewPerson(_ actor: Actor, _ subject: PersonSubject) -> AccessDecision {
        guard actor.organizationID == subject.organizationID else { return .notFound }
        if actor.personID == subject.personID || actor.roles.contains(.admin) { return .allowed }
        return actor.leads(anyOf: subject.units) ? .allowed : .forbidden
    }

    /// Naming someone as involved in an event: they must be in the leader's units.
    public static func mayInvolve(_ actor: Actor, _ subject: PersonSubject) -> AccessDecision {
        guard actor.organizationID == subject.organizationID else { return .notFound }
        return actor.leads(anyOf: subject.units) ? .allowed : .forbidden
    }

    /// Registering events and working a task list are a leader's work.
    public static func mayRegisterEvents(_ actor: Actor) -> Bool { holdsLeaderRole(actor.roles) }

    public static func mayViewTasks(_ actor: Actor) -> Bool { holdsLeaderRole(actor.roles) }

    /// Only peer supporters take urgent requests on call.
    public static func mayBeOnCall(_ actor: Actor) -> Bool { actor.roles.contains(.peerSupporter) }

    public static func holdsLeaderRole(_ roles: Set<Role>) -> Bool { roles.contains(.leader) }

    /// The program's coordinators run the peer-support scheme: its supporters' load against their caps and the
    /// rota's coverage. They never see whom a supporter supports.
    public static func mayRunPeerSupport(_ actor: Actor) -> Bool { actor.roles.contains(.coordinator) }

    /// A supporter keeps their own availability: how many people they can support at once, and their leave.
    /// Everything else of the scheme (teams, rota, who is a supporter) is the coordinators'.
    public static func mayEditAvailability(_ actor: Actor, supporterPersonID: UUID, organizationID: UUID) -> Bool {
        actor.organizationID == organizationID && (mayRunPeerSupport(actor) || actor.personID == supporterPersonID)
    }

    /// Which people a list may show: `mayViewPerson` as a filter a query can apply.
    public enum PeopleScope: Sendable, Equatable {
        case everyone
        /// The actor themself and the people of these units.
        case selfAnd(units: Set<UUID>)
    }

    public static func peopleScope(_ actor: Actor) -> PeopleScope {
        actor.roles.contains(.admin) ? .everyone : .selfAnd(units: actor.leaderScope)
    }

    /// Where a signed-in user starts: leaders at their tasks, everyone else at their own support.
    /// The page each role lands on after signing in: a leader's tasks, the coordinator's programme, a supporter's
    /// requests, or otherwise the person's own support.
    public enum Landing: Sendable, Equatable {
        case tasks, program, supportRequests, reviews, referrals, organization, mySupport
    }

    public static func landing(_ actor: Actor) -> Landing {
        if mayViewTasks(actor) { return .tasks }
        if mayRunPeerSupport(actor) { return .program }
        if actor.roles.contains(.peerSupporter) { return .supportRequests }
        if mayRunReviews(actor) { return .reviews }
        if actor.roles.contains(.occupationalHealth) { return .referrals }
        if mayAdministerOrganization(actor) { return .organization }
        return .mySupport
    }

    /// Quality advisors run learning reviews: they see events and reviews, never support data.
    public static func mayRunReviews(_ actor: Actor) -> Bool { actor.roles.contains(.qualityAdvisor) }

    /// Parked jobs carry only ids and errors, but seeing and retrying them is an administrator's task.
    public static func mayAdministerJobs(_ actor: Actor) -> Bool { actor.roles.contains(.admin) }

    /// The organization's units, people and accounts — never a pathway, a request or a check-in — are the
    /// administrator's to see.
    public static func mayAdministerOrganization(_ actor: Actor) -> Bool { actor.roles.contains(.admin) }

    /// An administrator changes other people's roles, leader scope and whether they are active — never their own:
    /// a role that reads others' data is given by a second administrator, so no one can widen their own reach.
    public static func mayChangeAccess(of person: UUID, _ actor: Actor) -> Bool {
        mayAdministerOrganization(actor) && person != actor.personID
    }

    /// The roles an administrator gives; everyone is involved (a member of staff) without being given it.
    public static let grantableRoles: [Role] = [.leader, .peerSupporter, .coordinator, .qualityAdvisor, .occupationalHealth, .admin]

    /// Everyone may ask for support for themself, with or without an event.
    public static func mayRequestSupport(_ actor: Actor) -> Bool { true }
}
