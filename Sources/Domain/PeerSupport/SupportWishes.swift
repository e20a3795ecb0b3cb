/// What the person asked for. Every wish is a preference; none of them narrows the list to nobody.
public struct SupportWishes: Sendable, Equatable, Codable {
    public var sameProfession: Bool
    public var outsideUnit: Bool
    /// A language code (`da`, `nb`, `fi`, `en`, …).
    public var language: String?
    /// The person asks for their own leader as supporter, which the `ownLeader` rule otherwise refuses.
    public var ownLeaderWelcome: Bool

    public init(sameProfession: Bool = false, outsideUnit: Bool = false, language: String? = nil, ownLeaderWelcome: Bool = false) {
        self.sameProfession = sameProfession
        self.outsideUnit = outsideUnit
        self.language = language
        self.ownLeaderWelcome = ownLeaderWelcome
    }

    public static let anyone = SupportWishes()

    /// Two or three lowercase letters: an ISO 639 code. Which languages exist is not ours to list.
    public static func isLanguageCode(_ text: String) -> Bool {
        (2...3).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isLowercase && $0.isLetter }
    }
}
