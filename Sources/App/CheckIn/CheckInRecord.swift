import Domain
import Foundation
import SQLKit

/// One check-in as read for its owner: never with anybody else's, never with its answers unless asked for.
struct CheckInRecord: Sendable, Equatable {
    let id: UUID
    let caseID: UUID
    let personID: UUID
    let instrument: String
    let dueAt: Date
    let status: CheckInStatus
    let answeredAt: Date?
    let purpose: CheckInPurpose
    let version: Int

    static let columns = "ci.id, ci.case_id, ci.person_id, ci.instrument, ci.due_at, ci.status, ci.answered_at, ci.purpose, ci.version"

    init(id: UUID, caseID: UUID, personID: UUID, instrument: String, dueAt: Date, status: CheckInStatus, answeredAt: Date?, purpose: CheckInPurpose,
         version: Int) {
        self.id = id
        self.caseID = caseID
        self.personID = personID
        self.instrument = instrument
        self.dueAt = dueAt
        self.status = status
        self.answeredAt = answeredAt
        self.purpose = purpose
        self.version = version
    }

    init(row: any SQLRow) throws {
        self.init(id: try row.decode(column: "id", as: UUID.self), caseID: try row.decode(column: "case_id", as: UUID.self),
                  personID: try row.decode(column: "person_id", as: UUID.self), instrument: try row.decode(column: "instrument", as: String.self),
                  dueAt: try row.decode(column: "due_at", as: Date.self), status: try row.decode(column: "status", as: CheckInStatus.self),
                  answeredAt: try row.decode(column: "answered_at", as: Date?.self),
                  purpose: CheckInPurpose(rawValue: try row.decode(column: "purpose", as: String.self)) ?? .followUp,
                  version: try row.decode(column: "version", as: Int.self))
    }
}
