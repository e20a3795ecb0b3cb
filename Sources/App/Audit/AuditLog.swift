import Fluent
import Foundation
import Vapor

/// Every read and change of a person's data leaves a line here: who, what kind of object, whose, when.
enum AuditLog {
    enum Action: String {
        case read, create, update
    }

    static func record(_ req: Request, _ action: Action, _ objectType: String, id: UUID?, subject: UUID?) async throws {
        guard let user = req.currentUser else { return }
        try await AuditEntry(
            id: req.newID(), organizationID: user.organizationID, actorPersonID: user.personID, action: action.rawValue,
            objectType: objectType, objectID: id, subjectPersonID: subject, at: req.now
        ).create(on: req.db)
    }
}
