import Domain
import Fluent
import Foundation
import SQLKit

/// The organization's own settings: its name, country (the crisis numbers' default), time zone and language.
enum OrganizationSettings {
    struct Values: Sendable, Equatable {
        let name: String
        let country: String
        let timeZone: String
        let language: String

        var version: String { Tokens.hash([name, country, timeZone, language].joined(separator: "|")) }
    }

    enum Failure: Error, Equatable {
        case forbidden
        case invalid([OrganizationRules.Problem])
        case changedMeanwhile
    }

    static func load(in context: ServiceContext) async throws -> Values {
        guard AccessPolicy.mayAdministerOrganization(context.user.actor) else { throw Failure.forbidden }
        return try await read(context.user.organizationID, on: context.db)
    }

    private static func read(_ organizationID: UUID, on db: any Database) async throws -> Values {
        let organization = try await Organization.query(on: db).filter(\.$id == organizationID).first()
        guard let organization else { throw Failure.forbidden }
        return Values(name: organization.name, country: organization.country, timeZone: organization.timeZone, language: organization.defaultLanguage)
    }

    /// Saves them, if they are still what the page showed.
    static func save(_ typed: Values, expecting version: String, in context: ServiceContext) async throws {
        guard AccessPolicy.mayAdministerOrganization(context.user.actor) else { throw Failure.forbidden }
        let values = Values(name: typed.name.trimmingCharacters(in: .whitespaces), country: typed.country.uppercased(), timeZone: typed.timeZone,
                            language: typed.language.lowercased())
        let problems = OrganizationRules.settingsProblems(name: values.name, country: values.country, timeZone: values.timeZone, language: values.language)
        guard problems.isEmpty else { throw Failure.invalid(problems) }
        try await context.transaction { tx in
            let org = tx.user.organizationID
            try await tx.db.lockOrganization(org)
            guard try await read(org, on: tx.db).version == version else { throw Failure.changedMeanwhile }
            try await tx.db.sql().raw("""
                UPDATE organizations SET name = \(bind: values.name), country = \(bind: values.country), time_zone = \(bind: values.timeZone),
                  default_language = \(bind: values.language)
                WHERE id = \(bind: org)
                """).run()
            try await tx.audit(.update, "organization", id: org, subject: nil)
        }
    }
}
