import Foundation

/// Everything the access policy needs to know about a request for peer support.
public struct SupportRequestSubject: Sendable, Equatable {
    public var organizationID: UUID
    /// Who asked.
    public var personID: UUID
    /// The supporter it is offered to or was taken on by, as a person.
    public var supporterPersonID: UUID?

    public init(organizationID: UUID, personID: UUID, supporterPersonID: UUID?) {
        self.organizationID = organizationID
        self.personID = personID
        self.supporterPersonID = supporterPersonID
    }
}

public enum SupportRequestAction: Sendable, CaseIterable {
    case view
    /// Picking a supporter or "anyone", saying not now, taking that back: the person's own choices.
    case choose
    /// Taking the request on: the supporter's answer.
    case accept
    /// Handing it back so it moves on to the next supporter: also the supporter's answer.
    case pass
    /// Recording that a contact took place, or proposing that a colleague take over: the supporter's.
    case logContact
}

extension AccessPolicy {
    /// A request is the person's and, once offered, their supporter's. To anyone else it does not exist — not
    /// to their leader, not to a coordinator — so the answer is `notFound`, never a telling `forbidden`.
    public static func decide(_ actor: Actor, _ action: SupportRequestAction, _ request: SupportRequestSubject) -> AccessDecision {
        guard actor.organizationID == request.organizationID else { return .notFound }
        let isPerson = actor.personID == request.personID
        let isSupporter = request.supporterPersonID == actor.personID && actor.roles.contains(.peerSupporter)
        guard isPerson || isSupporter else { return .notFound }
        let allowed = switch action {
        case .view: true
        case .choose: isPerson
        case .accept, .pass, .logContact: isSupporter && !isPerson
        }
        return allowed ? .allowed : .forbidden
    }
}
