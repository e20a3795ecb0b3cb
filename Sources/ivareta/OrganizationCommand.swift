import App
import ArgumentParser
import Domain
import Foundation
import Vapor

struct OrganizationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organization", abstract: "Set up organizations.", subcommands: [CreateOrganization.self])
}

struct CreateOrganization: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an organization and its first administrator, and print a one-time link (24 hours) where the administrator chooses a password.")

    @OptionGroup var database: DatabaseOptions

    @ArgumentParser.Option(help: "The organization's name, as its staff know it.")
    var name: String

    @ArgumentParser.Option(help: "NO, DK, SE or FI: decides the crisis numbers until the organization sets its own.")
    var country: String

    @ArgumentParser.Option(name: .customLong("time-zone"), help: "An IANA time zone, such as Europe/Oslo.")
    var timeZone: String

    @ArgumentParser.Option(help: "nb, da or en: the language of its pages until each person chooses their own.")
    var language: String

    @ArgumentParser.Option(help: "The first administrator's username (lower-case letters, digits, . - _).")
    var admin: String

    @ArgumentParser.Option(help: "The administrator's e-mail address, for messages from Ivareta.")
    var email: String?

    func run() async throws {
        let app = try await Application.make(Environment(name: "production", arguments: ["ivareta"]))
        do {
            try await configure(app, settings: try database.settings())
            try await prepareDatabase(app)
            let created = try await FirstStart.createOrganization(
                OrganizationRules.Input(name: name, country: country, timeZone: timeZone, language: language, adminUsername: admin, adminEmail: email),
                in: app)
            say("Created the organization \(name.trimmingCharacters(in: .whitespaces)): \(created.organizationID.uuidString.lowercased())")
            say("The administrator \(created.administratorUsername) chooses a password here, within 24 hours (the link works once):")
            say("  \(created.setupLink)")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
