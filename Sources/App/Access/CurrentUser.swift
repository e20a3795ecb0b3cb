import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// The signed-in account, with what the access rules and the pages need about it.
struct CurrentUser: Sendable {
    let accountID: UUID
    let personID: UUID
    let organizationID: UUID
    let name: String
    let username: String
    let roles: Set<Role>
    let actor: Actor
    let preferredLanguage: AppLanguage?
    let organizationLanguage: AppLanguage
    let timeZone: TimeZone
    /// The units the person works in (for the leader's own leader, scope checks of the person, etc.).
    let ownUnits: Set<UUID>
    let unreadMessages: Int

    static func load(accountID: UUID, on db: any Database) async throws -> CurrentUser? {
        guard let account = try await Account.find(accountID, on: db),
              let person = try await Person.query(on: db)
                .filter(\.$id == account.personID).filter(\.$organizationID == account.organizationID).first(),
              let organization = try await Organization.find(account.organizationID, on: db)
        else { return nil }
        let roles = try await Account.roles(of: accountID, organizationID: account.organizationID, on: db)
        var scope: Set<UUID> = []
        if AccessPolicy.holdsLeaderRole(roles) {
            let led = try await LeaderScope.query(on: db)
                .filter(\.$organizationID == account.organizationID).filter(\.$accountID == accountID).all().map(\.unitID)
            scope = UnitTree.withDescendants(Set(led), parents: try await UnitDirectory.parents(organizationID: account.organizationID, on: db))
        }
        let ownUnits = try await PersonUnit.query(on: db)
            .filter(\.$organizationID == account.organizationID).filter(\.$personID == account.personID).all().map(\.unitID)
        return CurrentUser(
            accountID: accountID,
            personID: account.personID,
            organizationID: account.organizationID,
            name: person.name,
            username: account.username,
            roles: roles,
            actor: Actor(personID: account.personID, organizationID: account.organizationID, roles: roles, leaderScope: scope),
            preferredLanguage: person.preferredLanguage.flatMap(AppLanguage.init(rawValue:)),
            organizationLanguage: AppLanguage(rawValue: organization.defaultLanguage) ?? .en,
            timeZone: organization.zone,
            ownUnits: Set(ownUnits),
            unreadMessages: try await Messages.unreadCount(person: account.personID, organizationID: account.organizationID, on: db))
    }
}

extension Request {
    private struct CurrentUserKey: StorageKey {
        typealias Value = CurrentUser
    }

    var currentUser: CurrentUser? {
        get { storage[CurrentUserKey.self] }
        set { storage[CurrentUserKey.self] = newValue }
    }

    func requireUser() throws -> CurrentUser {
        guard let user = currentUser else { throw Abort(.unauthorized) }
        return user
    }
}
