import Fluent
import Foundation
import Vapor

/// Every read and change of a person's data leaves a line here: who, what kind of object, whose, when.
enum AuditLog {
    enum Action: String {
        case read, create, update, delete
    }

    /// A read by the signed-in user; changes are audited inside their action's transaction (`ServiceContext.audit`).
    static func record(_ req: Request, _ action: Action, _ objectType: String, id: UUID?, subject: UUID?) async throws {
        guard req.currentUser != nil else { return }
        try await req.context().audit(action, objectType, id: id, subject: subject)
    }

    /// The reads of one page, in one statement.
    static func record(_ req: Request, reads: [(objectType: String, id: UUID?, subject: UUID?)]) async throws {
        guard req.currentUser != nil else { return }
        try await req.context().audit(reads: reads)
    }
}
