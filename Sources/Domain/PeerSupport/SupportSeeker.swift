import Foundation

/// The person asking for support, and what matching must know about their event.
public struct SupportSeeker: Sendable, Equatable {
    public let personID: UUID
    /// The person's profession as stored (`nurse`, `physician`, …).
    public let profession: String
    public let units: Set<UUID>
    /// The people who lead the person: the leaders of their units or, failing those, of the nearest unit above.
    public let leaders: Set<UUID>
    /// Everyone involved in the event, the person included; empty for support asked outside any event.
    public let involvedInEvent: Set<UUID>
    public let investigators: Set<UUID>
    public let reviewFacilitators: Set<UUID>
    /// Supporter profiles that passed this request on; it is not offered to them again.
    public let passedBy: Set<UUID>
    /// When the person is a supporter themself: the other supporters of their teams.
    public let teammates: Set<UUID>

    public init(personID: UUID, profession: String, units: Set<UUID>, leaders: Set<UUID>, involvedInEvent: Set<UUID> = [],
                investigators: Set<UUID> = [], reviewFacilitators: Set<UUID> = [], passedBy: Set<UUID> = [], teammates: Set<UUID> = []) {
        self.personID = personID
        self.profession = profession
        self.units = units
        self.leaders = leaders
        self.involvedInEvent = involvedInEvent
        self.investigators = investigators
        self.reviewFacilitators = reviewFacilitators
        self.passedBy = passedBy
        self.teammates = teammates
    }
}
