import Foundation

/// The country whose emergency services an organization's people call; it gives the crisis numbers their
/// defaults until the organization sets its own.
public enum Country: String, CaseIterable, Sendable {
    case norway = "NO"
    case denmark = "DK"
    case finland = "FI"
    case sweden = "SE"
}

/// The numbers a person in acute crisis is shown, at any hour: the emergency number and the out-of-hours
/// medical service — never "your own doctor", who does not answer at 3 a.m.
public struct CrisisContacts: Equatable, Sendable {
    public let emergency: String
    public let outOfHours: String

    public init(emergency: String, outOfHours: String) {
        self.emergency = emergency
        self.outOfHours = outOfHours
    }

    /// The national numbers. Danish out-of-hours numbers differ by region; 1813 is the Capital Region's, so a
    /// Danish organization elsewhere sets its own region's number.
    public static func nationalDefault(_ country: Country) -> CrisisContacts {
        switch country {
        case .norway: CrisisContacts(emergency: "113", outOfHours: "116 117")
        case .denmark: CrisisContacts(emergency: "112", outOfHours: "1813")
        case .finland: CrisisContacts(emergency: "112", outOfHours: "116 117")
        // 1177 is the healthcare guide that answers day and night and sends people on.
        case .sweden: CrisisContacts(emergency: "112", outOfHours: "1177")
        }
    }

    /// The organization's own numbers where it set them, the national ones otherwise.
    public static func resolve(country: Country, emergency: String?, outOfHours: String?) -> CrisisContacts {
        let national = nationalDefault(country)
        return CrisisContacts(emergency: emergency ?? national.emergency, outOfHours: outOfHours ?? national.outOfHours)
    }

    /// The numbers shown before anyone has signed in, when it is not yet known whose organization the reader
    /// belongs to: each different set the organizations use, once, with its country. Never guessed from the
    /// browser's language: a Danish speaker working in a Norwegian hospital needs Norway's numbers.
    public static func beforeSignIn(_ organizations: [(country: Country, contacts: CrisisContacts)]) -> [(country: Country, contacts: CrisisContacts)] {
        var shown: [(country: Country, contacts: CrisisContacts)] = []
        for organization in organizations.sorted(by: { $0.country.rawValue < $1.country.rawValue })
        where !shown.contains(where: { $0.contacts == organization.contacts }) {
            shown.append(organization)
        }
        return shown
    }

    public static let maxLength = 20

    /// A number as a person can dial it: digits, with spaces, a leading `+` or hyphens between them. Returns
    /// the trimmed number, or nil when it is not one.
    public static func phoneNumber(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.unicodeScalars.filter { ("0"..."9").contains($0) }.count
        guard digits >= 3, trimmed.count <= maxLength, trimmed.unicodeScalars.first != "-", trimmed.unicodeScalars.last.map({ ("0"..."9").contains($0) }) == true
        else { return nil }
        for (index, scalar) in trimmed.unicodeScalars.enumerated() {
            switch scalar {
            case "0"..."9", " ", "-": continue
            case "+" where index == 0: continue
            default: return nil
            }
        }
        return trimmed
    }
}
