import Domain
import Foundation
import Testing

@Suite("Who may see and answer a request for peer support")
struct SupportRequestAccessTests {
    let org = UUID()
    let person = UUID()
    let supporter = UUID()

    func actor(_ personID: UUID, _ roles: Set<Role>, org: UUID? = nil, leads: Set<UUID> = []) -> Actor {
        Actor(personID: personID, organizationID: org ?? self.org, roles: roles, leaderScope: leads)
    }

    @Test func theRequestIsThePersonsAndTheirSupportersAlone() {
        let request = SupportRequestSubject(organizationID: org, personID: person, supporterPersonID: supporter)
        let cases: [(Actor, [SupportRequestAction: AccessDecision])] = [
            (actor(person, []), [.view: .allowed, .choose: .allowed, .accept: .forbidden, .pass: .forbidden, .logContact: .forbidden]),
            (actor(supporter, [.peerSupporter]), [.view: .allowed, .choose: .forbidden, .accept: .allowed, .pass: .allowed, .logContact: .allowed]),
            // Named as supporter but no longer holding the role: nothing.
            (actor(supporter, []), [.view: .notFound, .choose: .notFound, .accept: .notFound, .pass: .notFound, .logContact: .notFound]),
            (actor(UUID(), [.peerSupporter]), [.view: .notFound, .choose: .notFound, .accept: .notFound, .pass: .notFound, .logContact: .notFound]),
            (actor(UUID(), [.leader], leads: [UUID()]), [.view: .notFound, .choose: .notFound, .accept: .notFound, .pass: .notFound, .logContact: .notFound]),
            (actor(UUID(), [.coordinator]), [.view: .notFound, .choose: .notFound, .accept: .notFound, .pass: .notFound, .logContact: .notFound]),
            (actor(UUID(), [.admin]), [.view: .notFound, .choose: .notFound, .accept: .notFound, .pass: .notFound, .logContact: .notFound]),
            (actor(person, [], org: UUID()), [.view: .notFound, .choose: .notFound, .accept: .notFound, .pass: .notFound, .logContact: .notFound]),
            (actor(supporter, [.peerSupporter], org: UUID()), [.view: .notFound, .choose: .notFound, .accept: .notFound, .pass: .notFound, .logContact: .notFound]),
        ]
        for (who, expected) in cases {
            for action in SupportRequestAction.allCases {
                #expect(AccessPolicy.decide(who, action, request) == expected[action], "\(who.roles) \(action)")
            }
        }
    }

    @Test func eachRoleLandsOnAPageThatServesIt() {
        #expect(AccessPolicy.landing(actor(UUID(), [.leader], leads: [UUID()])) == .tasks)
        #expect(AccessPolicy.landing(actor(UUID(), [.peerSupporter])) == .supportRequests)
        #expect(AccessPolicy.landing(actor(UUID(), [.leader, .peerSupporter], leads: [UUID()])) == .tasks)
        #expect(AccessPolicy.landing(actor(UUID(), [.coordinator])) == .program)
        #expect(AccessPolicy.landing(actor(UUID(), [])) == .mySupport)
    }
}
