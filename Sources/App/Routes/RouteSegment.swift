import Foundation
import Vapor

/// One piece of a path: fixed text, or a named parameter with the value a link puts there.
enum RouteSegment: Equatable {
    case fixed(String)
    case parameter(String, value: String)

    var linkValue: String {
        switch self {
        case .fixed(let text): text
        case .parameter(_, let value): value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value
        }
    }

    var pathComponent: PathComponent {
        switch self {
        case .fixed(let text): .constant(text)
        case .parameter(let name, _): .parameter(name)
        }
    }

    /// The OpenAPI form: `{name}`.
    var template: String {
        switch self {
        case .fixed(let text): text
        case .parameter(let name, _): "{\(name)}"
        }
    }
}

protocol RouteDescribing {
    var segments: [RouteSegment] { get }
}

extension RouteDescribing {
    /// Whether a request's path components fit this route's shape: fixed parts equal, parameters anything.
    func matches(_ components: [Substring]) -> Bool {
        components.count == segments.count && zip(segments, components).allSatisfy { segment, component in
            switch segment {
            case .fixed(let text): text == component
            case .parameter: !component.isEmpty
            }
        }
    }

    var path: String { "/" + segments.map(\.linkValue).joined(separator: "/") }
    var pattern: [PathComponent] { segments.map(\.pathComponent) }
    var template: String { "/" + segments.map(\.template).joined(separator: "/") }
}

extension UUID {
    /// Stands in for an id when a route is registered rather than linked to.
    static let routePlaceholder = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}

enum RouteParameter {
    static let caseID = "caseID"
    static let eventID = "eventID"
    static let stepKey = "stepKey"
    static let instrumentKey = "instrumentKey"
    static let messageID = "messageID"
    static let jobID = "jobID"
    static let requestID = "requestID"
    static let teamID = "teamID"
    static let shiftID = "shiftID"
    static let changeID = "changeID"
    static let supporterID = "supporterID"
    static let leaveID = "leaveID"
    static let reviewID = "reviewID"
    static let proposalID = "proposalID"
    static let checkInID = "checkInID"
    static let serviceID = "serviceID"
    static let referralID = "referralID"
    static let setupToken = "setupToken"
    static let sessionID = "sessionID"
    static let personID = "personID"
    static let importID = "importID"
    static let mappingID = "mappingID"
    static let organizationID = "organizationID"
}
