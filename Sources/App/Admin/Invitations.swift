import Domain
import Fluent
import Foundation
import SQLKit

/// An administrator gives someone from the organization an account: a username, and an e-mail address where the
/// one-time link goes. The administrator never sets or sees a password.
enum Invitations {
    enum Problem: String, CaseIterable {
        case username
        case usernameTaken = "username_taken"
        case email
    }

    enum Failure: Error, Equatable {
        case forbidden
        /// Not a person of this organization, or one who has an account already.
        case notFound
        case invalid([Problem])
    }

    struct Invitee: Sendable {
        let personID: UUID
        let name: String
    }

    /// The person, if they are here and have no account yet.
    static func invitee(_ personID: UUID, in context: ServiceContext) async throws -> Invitee {
        guard AccessPolicy.mayAdministerOrganization(context.user.actor) else { throw Failure.forbidden }
        guard let row = try await context.db.sql().raw("""
            SELECT p.name FROM people p LEFT JOIN accounts a ON a.person_id = p.id AND a.organization_id = p.organization_id
            WHERE p.organization_id = \(bind: context.user.organizationID) AND p.id = \(bind: personID) AND a.id IS NULL
            """).first() else { throw Failure.notFound }
        return Invitee(personID: personID, name: try row.decode(column: "name", as: String.self))
    }

    /// The account, the address and the e-mail's job, in one transaction with the audit entry. The worker makes
    /// the link as it sends it (see `PasswordResets`).
    static func invite(_ personID: UUID, username typed: String, email typedEmail: String, unusablePasswordHash: String,
                       in context: ServiceContext) async throws {
        let invitee = try await invitee(personID, in: context)
        let username = typed.trimmingCharacters(in: .whitespaces).lowercased()
        let email = typedEmail.trimmingCharacters(in: .whitespaces)
        var problems: [Problem] = []
        if !OrganizationRules.isUsername(username) { problems.append(.username) }
        if !OrganizationRules.isEmail(email) || !EmailAddress.isValid(email) { problems.append(.email) }
        guard problems.isEmpty else { throw Failure.invalid(problems) }
        do {
            try await context.transaction { tx in
                // Usernames are unique in the whole installation, and a person has one account; the indexes hold both
                // for two administrators at once.
                guard try await Account.query(on: tx.db).filter(\.$username == username).count() == 0 else { throw Failure.invalid([.usernameTaken]) }
                guard try await Account.query(on: tx.db).filter(\.$organizationID == tx.user.organizationID).filter(\.$personID == invitee.personID)
                    .count() == 0 else { throw Failure.notFound }
                let account = Account(id: tx.newID(), organizationID: tx.user.organizationID, personID: invitee.personID, username: username,
                                      passwordHash: unusablePasswordHash)
                try await account.create(on: tx.db)
                try await tx.db.sql().raw("""
                    DELETE FROM notification_preferences WHERE organization_id = \(bind: tx.user.organizationID) AND person_id = \(bind: invitee.personID)
                    """).run()
                try await NotificationPreference(id: tx.newID(), organizationID: tx.user.organizationID, personID: invitee.personID,
                                                 preferences: ChannelPreferences(emailAddress: email, emailEnabled: true), at: tx.now).create(on: tx.db)
                let payload = String(decoding: try JSONEncoder().encode(PasswordResets.Payload(accountId: try account.requireID(), invitation: true)),
                                     as: UTF8.self)
                try await JobQueue.enqueue(.passwordReset, payload: payload, organizationID: tx.user.organizationID, dueAt: tx.now, id: tx.newID(),
                                           now: tx.now, on: tx.db)
                try await tx.audit(.create, "account", id: try account.requireID(), subject: invitee.personID)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The person got an account from someone else meanwhile, or the name was taken meanwhile.
            throw try await Account.query(on: context.db).filter(\.$organizationID == context.user.organizationID)
                .filter(\.$personID == invitee.personID).count() > 0 ? Failure.notFound : Failure.invalid([.usernameTaken])
        }
    }
}
