import Foundation

/// A peer supporter as matching sees them at one moment.
public struct SupporterCandidate: Sendable, Equatable, Identifiable {
    /// The supporter profile's id.
    public let id: UUID
    public let personID: UUID
    public let profession: String
    public let languages: Set<String>
    /// The units the supporter works in.
    public let units: Set<UUID>
    public let leave: [DateInterval]
    /// Requests they hold now, open or accepted.
    public let activeRequests: Int
    public let cap: Int
    public let onCallNow: Bool

    public init(id: UUID, personID: UUID, profession: String, languages: Set<String>, units: Set<UUID>, leave: [DateInterval] = [],
                activeRequests: Int, cap: Int = 3, onCallNow: Bool) {
        self.id = id
        self.personID = personID
        self.profession = profession
        self.languages = languages
        self.units = units
        self.leave = leave
        self.activeRequests = activeRequests
        self.cap = cap
        self.onCallNow = onCallNow
    }

    public func isOnLeave(at now: Date) -> Bool {
        leave.contains { $0.start <= now && now < $0.end }
    }
}
