import Foundation

/// How the person would like to be reached by whoever will support them: by phone, by e-mail, or by a message
/// in the workplace's chat. Only the chosen supporter (or the service referred to) reads it.
public enum ReachBy: String, CaseIterable, Sendable, Codable {
    case phone
    case email
    case chat
}

public struct Reach: Sendable, Equatable, Codable {
    public let by: ReachBy
    public let at: String

    public static let maxLength = 100

    public init(by: ReachBy, at: String) {
        self.by = by
        self.at = at
    }

    public enum Problem: String, Error, Sendable {
        /// Not a number, an address or a chat name that fits the way chosen.
        case unreadable
    }

    /// The way (as sent: `phone`, `email`, `chat`) and the number, address or chat name, checked; nil when
    /// nothing was given (it is optional). A way that is not one of these is refused, whatever else was sent.
    public static func check(by way: String?, at text: String?) -> Result<Reach?, Problem> {
        let by = way.flatMap(ReachBy.init(rawValue:))
        guard way == nil || by != nil else { return .failure(.unreadable) }
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .success(nil) }
        guard let by, trimmed.unicodeScalars.count <= maxLength, TextRules.isAcceptable(trimmed, multiline: false) else { return .failure(.unreadable) }
        switch by {
        case .phone:
            guard let number = CrisisContacts.phoneNumber(trimmed) else { return .failure(.unreadable) }
            return .success(Reach(by: by, at: number))
        case .email:
            let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !trimmed.contains(where: \.isWhitespace) else { return .failure(.unreadable) }
            return .success(Reach(by: by, at: trimmed))
        case .chat:
            return .success(Reach(by: by, at: trimmed))
        }
    }
}
