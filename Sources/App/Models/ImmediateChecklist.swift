import Domain
import Fluent
import Foundation

/// The leader's answers right after the event: is everyone safe, who knows, who must be relieved now.
final class ImmediateChecklist: Model, @unchecked Sendable {
    static let schema = "immediate_checklists"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "event_id") var eventID: UUID
    @Field(key: "patient_safe") var patientSafe: Bool
    @Field(key: "staff_safe") var staffSafe: Bool
    @Field(key: "premises_safe") var premisesSafe: Bool
    @Field(key: "everyone_informed") var everyoneInformed: Bool

    init() {}

    init(id: UUID, organizationID: UUID, eventID: UUID, patientSafe: Bool, staffSafe: Bool, premisesSafe: Bool,
         everyoneInformed: Bool) {
        self.id = id
        self.organizationID = organizationID
        self.eventID = eventID
        self.patientSafe = patientSafe
        self.staffSafe = staffSafe
        self.premisesSafe = premisesSafe
        self.everyoneInformed = everyoneInformed
    }

    /// Stores the answers with the people relieved from duty, one row each.
    func create(relieved: [UUID], ids: () -> UUID, on db: any Database) async throws {
        try await create(on: db)
        var seen: Set<UUID> = []
        for personID in relieved where seen.insert(personID).inserted {
            try await RelievedPerson(id: ids(), organizationID: organizationID, eventID: eventID, personID: personID).create(on: db)
        }
    }
}
