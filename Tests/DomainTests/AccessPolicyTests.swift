import Foundation
import Testing
@testable import Domain

@Suite("Access policy")
struct AccessPolicyTests {
    let org = UUID()
    let otherOrg = UUID()
    let ward = UUID()
    let otherWard = UUID()
    let nurse = UUID()

    func actor(_ roles: Set<Role>, scope: Set<UUID> = [], person: UUID = UUID(), org: UUID? = nil) -> Actor {
        Actor(personID: person, organizationID: org ?? self.org, roles: roles, leaderScope: scope)
    }

    var nurseCase: CaseSubject { CaseSubject(organizationID: org, personID: nurse, ownerID: nil, personUnits: [ward], sharedWithLeader: true) }

    static let caseViewers: [(Role, Bool)] = [
        (.leader, true), (.peerSupporter, false), (.coordinator, false), (.qualityAdvisor, false),
        (.occupationalHealth, false), (.admin, false), (.involved, false),
    ]

    @Test("who may see a case", arguments: caseViewers)
    func viewCase(role: Role, allowed: Bool) {
        let viewer = actor([role], scope: [ward])
        #expect(AccessPolicy.decide(viewer, .view, nurseCase) == (allowed ? .allowed : .forbidden))
    }

    @Test func thePersonSeesTheirOwnCaseAndAnswersOffersOnly() {
        let me = actor([.involved], person: nurse)
        #expect(AccessPolicy.decide(me, .view, nurseCase) == .allowed)
        #expect(AccessPolicy.mayMoveStep(me, nurseCase, to: .declined) == .allowed)
        #expect(AccessPolicy.mayMoveStep(me, nurseCase, to: .accepted) == .allowed)
        #expect(AccessPolicy.mayMoveStep(me, nurseCase, to: .done) == .forbidden)
        #expect(AccessPolicy.decide(me, .close, nurseCase) == .forbidden)
        #expect(AccessPolicy.decide(me, .reopen, nurseCase) == .allowed)
    }

    @Test func leaderOfAnotherUnitIsForbiddenUnlessOwner() {
        let other = actor([.leader], scope: [otherWard])
        #expect(AccessPolicy.decide(other, .view, nurseCase) == .forbidden)
        var owned = nurseCase
        owned.ownerID = other.personID
        #expect(AccessPolicy.decide(other, .view, owned) == .allowed)
        #expect(AccessPolicy.mayMoveStep(other, owned, to: .done) == .allowed)
    }

    /// A yes heard in a defusing conversation lets its holder ask for a peer supporter for that person, though
    /// the pathway is another leader's; nothing else about that pathway opens to them.
    @Test func theHolderOfTheDefusingConversationMayAskOnBehalfAcrossUnits() {
        let holder = actor([.leader], scope: [otherWard])
        let eventOnTheirWard = EventSubject(organizationID: org, unitID: otherWard)
        #expect(AccessPolicy.mayAskSupportOnBehalf(holder, nurseCase, afterDefusingOf: nil) == .forbidden)
        #expect(AccessPolicy.mayAskSupportOnBehalf(holder, nurseCase, afterDefusingOf: eventOnTheirWard) == .allowed)
        #expect(AccessPolicy.mayAskSupportOnBehalf(holder, nurseCase, afterDefusingOf: EventSubject(organizationID: org, unitID: ward)) == .forbidden)
        #expect(AccessPolicy.mayAskSupportOnBehalf(holder, nurseCase, afterDefusingOf: EventSubject(organizationID: otherOrg, unitID: otherWard)) == .forbidden)
        #expect(AccessPolicy.decide(holder, .view, nurseCase) == .forbidden)
        var kept = nurseCase
        kept.sharedWithLeader = false
        #expect(AccessPolicy.mayAskSupportOnBehalf(actor([.leader], scope: [ward]), kept, afterDefusingOf: nil) == .notFound)
        #expect(AccessPolicy.mayAskSupportOnBehalf(holder, kept, afterDefusingOf: eventOnTheirWard) == .notFound)
    }

    /// The person's choice wins over every leader's scope: a self-referral they kept to themself is theirs alone,
    /// and to anyone else it does not exist (a 403 would say that it does).
    @Test func aSelfReferralKeptFromTheLeaderIsSeenByThePersonOnly() {
        var kept = nurseCase
        kept.sharedWithLeader = false
        for role in Role.allCases {
            let someone = actor([role], scope: [ward])
            for action in CaseAction.allCases {
                #expect(AccessPolicy.decide(someone, action, kept) == .notFound)
            }
        }
        #expect(AccessPolicy.decide(actor([.leader], scope: [ward, otherWard]), .view, kept) == .notFound)
        let me = actor([.involved], person: nurse)
        #expect(AccessPolicy.decide(me, .view, kept) == .allowed)
        #expect(AccessPolicy.mayMoveStep(me, kept, to: .declined) == .allowed)
    }

    @Test func onlyLeadersRegisterEventsAndWorkTaskListsOnlyPeerSupportersGoOnCall() {
        for role in Role.allCases {
            let someone = actor([role])
            #expect(AccessPolicy.mayRegisterEvents(someone) == (role == .leader))
            #expect(AccessPolicy.mayViewTasks(someone) == (role == .leader))
            #expect(AccessPolicy.mayBeOnCall(someone) == (role == .peerSupporter))
        }
        #expect(AccessPolicy.peopleScope(actor([.admin])) == .everyone)
        #expect(AccessPolicy.peopleScope(actor([.leader], scope: [ward])) == .selfAnd(units: [ward]))
        #expect(AccessPolicy.peopleScope(actor([.coordinator], scope: [ward])) == .selfAnd(units: []))
    }

    @Test func anotherOrganizationIsNotFoundForEveryRoleAndAction() {
        for role in Role.allCases {
            let outsider = actor([role], scope: [ward], org: otherOrg)
            for action in CaseAction.allCases {
                #expect(AccessPolicy.decide(outsider, action, nurseCase) == .notFound)
            }
            #expect(AccessPolicy.mayViewEvent(outsider, EventSubject(organizationID: org, unitID: ward)) == .notFound)
            #expect(AccessPolicy.mayRegisterEvent(outsider, in: EventSubject(organizationID: org, unitID: ward)) == .notFound)
            #expect(AccessPolicy.mayViewPerson(outsider, PersonSubject(organizationID: org, personID: nurse, units: [ward])) == .notFound)
        }
    }

    @Test func leaderScopeIsIgnoredWithoutTheLeaderRole() {
        let notLeader = actor([.peerSupporter], scope: [ward])
        #expect(notLeader.leaderScope.isEmpty)
        #expect(AccessPolicy.mayRegisterEvent(notLeader, in: EventSubject(organizationID: org, unitID: ward)) == .forbidden)
    }

    @Test func eventsAreSeenByTheirLeadersAndQualityAdvisors() {
        let event = EventSubject(organizationID: org, unitID: ward)
        #expect(AccessPolicy.mayViewEvent(actor([.leader], scope: [ward]), event) == .allowed)
        #expect(AccessPolicy.mayViewEvent(actor([.leader], scope: [otherWard]), event) == .forbidden)
        #expect(AccessPolicy.mayViewEvent(actor([.qualityAdvisor]), event) == .allowed)
        #expect(AccessPolicy.mayViewEvent(actor([.coordinator]), event) == .forbidden)
    }

    @Test func peopleAreSeenByTheirLeadersAdminsAndThemselves() {
        let person = PersonSubject(organizationID: org, personID: nurse, units: [ward])
        #expect(AccessPolicy.mayViewPerson(actor([.leader], scope: [ward]), person) == .allowed)
        #expect(AccessPolicy.mayViewPerson(actor([.admin]), person) == .allowed)
        #expect(AccessPolicy.mayViewPerson(actor([.involved], person: nurse), person) == .allowed)
        #expect(AccessPolicy.mayViewPerson(actor([.coordinator]), person) == .forbidden)
        #expect(AccessPolicy.mayInvolve(actor([.admin]), person) == .forbidden)
    }

    @Test func unitTreeScopeIncludesDescendants() {
        let root = UUID(), child = UUID(), grandchild = UUID(), sibling = UUID()
        let parents: [UUID: UUID?] = [root: nil, child: root, grandchild: child, sibling: root]
        #expect(UnitTree.withDescendants([child], parents: parents) == [child, grandchild])
        #expect(UnitTree.lineage(of: grandchild, parents: parents) == [grandchild, child, root])
    }
}
