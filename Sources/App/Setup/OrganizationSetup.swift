import Domain
import Fluent
import Foundation
import SQLKit

/// A new organization and its first administrator, from the command line on the server: the way in for a
/// hospital starting from an empty database. The administrator gets a one-time link and chooses their own password.
enum OrganizationSetup {
    struct Created: Sendable {
        let organizationID: UUID
        let administratorUsername: String
        /// The token of the administrator's one-time link (see `SiteRoute.accountSetup`).
        let setupToken: String
    }

    enum Failure: Error, Equatable {
        case invalid([OrganizationRules.Problem])
        case usernameTaken
    }

    /// Everything in one transaction with its audit entries: the organization, the administrator as a person with
    /// an account whose password nobody knows (a hash of a random secret), the role, the e-mail if given, and the link.
    static func create(_ input: OrganizationRules.Input, unusablePasswordHash: String, now: Date, ids: @escaping @Sendable () -> UUID,
                       gate: WriteGate?, on db: any Database) async throws -> Created {
        let problems = OrganizationRules.problems(input)
        guard problems.isEmpty, let country = Country(rawValue: input.country) else { throw Failure.invalid(problems) }
        return try await db.writeTransaction(gate: gate) { tx in
            guard try await Account.query(on: tx).filter(\.$username == input.adminUsername).count() == 0 else { throw Failure.usernameTaken }
            let organizationID = ids()
            let organization = Organization(id: organizationID, name: input.name, timeZone: input.timeZone, defaultLanguage: input.language,
                                            createdAt: now)
            organization.country = country.rawValue
            try await organization.create(on: tx)
            let personID = ids()
            let person = Person(id: personID, organizationID: organizationID, name: input.adminUsername, profession: .other,
                                preferredLanguage: input.language)
            // Their address is how HR's first file recognises them (they have no employee number yet).
            person.email = input.adminEmail?.lowercased()
            try await person.create(on: tx)
            let account = Account(id: ids(), organizationID: organizationID, personID: personID, username: input.adminUsername,
                                  passwordHash: unusablePasswordHash)
            try await account.create(roles: [.admin], ids: ids, on: tx)
            if let email = input.adminEmail {
                try await NotificationPreference(id: ids(), organizationID: organizationID, personID: personID,
                                                 preferences: ChannelPreferences(emailAddress: email, emailEnabled: true), at: now).create(on: tx)
            }
            let token = try await AccountSetups.issue(accountID: try account.requireID(), organizationID: organizationID, now: now, id: ids(), on: tx)
            for (type, id) in [("organization", organizationID), ("account", try account.requireID())] {
                try await AuditEntry(id: ids(), organizationID: organizationID, actorPersonID: nil, action: AuditLog.Action.create.rawValue,
                                     objectType: type, objectID: id, subjectPersonID: type == "account" ? personID : nil, at: now).create(on: tx)
            }
            return Created(organizationID: organizationID, administratorUsername: input.adminUsername, setupToken: token)
        }
    }

    /// Whether the database holds no organization yet: `serve` then says how to create one.
    static func isEmpty(on db: any Database) async throws -> Bool {
        try await Organization.query(on: db).count() == 0
    }
}
