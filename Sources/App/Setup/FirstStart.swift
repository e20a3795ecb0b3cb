import Domain
import Foundation
import Vapor

/// What the command line may call to start an organization from nothing (the executable sees only what is public).
public enum FirstStart {
    public struct Created: Sendable {
        public let organizationID: UUID
        public let administratorUsername: String
        /// The administrator's one-time link: the public address and the path with the token.
        public let setupLink: String
    }

    /// Creates the organization and its first administrator (see `OrganizationSetup.create`). A refusal is thrown
    /// as an `Error` whose description says in plain words what to change; nothing is written then.
    public static func createOrganization(_ input: OrganizationRules.Input, in app: Application) async throws -> Created {
        do {
            let created = try await OrganizationSetup.create(
                input, unusablePasswordHash: try app.password.hash(Tokens.random()), now: app.environmentals.now(), ids: app.environmentals.uuid,
                gate: app.writeGate, on: app.db)
            return Created(organizationID: created.organizationID, administratorUsername: created.administratorUsername,
                           setupLink: app.settings.publicBaseURL + SiteRoute.accountSetup(created.setupToken).path)
        } catch let failure as OrganizationSetup.Failure {
            throw Refusal(sentence: failure.sentence)
        }
    }

    /// Whether the database holds no organization yet: nobody can sign in, and `serve` says what to do.
    public static func hasNoOrganization(_ app: Application) async throws -> Bool {
        try await OrganizationSetup.isEmpty(on: app.db)
    }

    public struct Refusal: Error, CustomStringConvertible {
        public let sentence: String
        public var description: String { sentence }
    }
}

extension OrganizationSetup.Failure {
    /// For the person at the server's command line, in English like the rest of its output.
    var sentence: String {
        switch self {
        case .usernameTaken: "That username is taken already: usernames are unique across the whole installation. Choose another for --admin."
        case .invalid(let problems):
            problems.map { problem in
                switch problem {
                case .name: "--name must be given, at most 200 characters, with no control or direction characters."
                case .country: "--country must be NO, DK, SE or FI."
                case .timeZone: "--time-zone must be an IANA time zone such as Europe/Oslo, Europe/Copenhagen, Europe/Stockholm or Europe/Helsinki."
                case .language: "--language must be nb, da or en."
                case .username: "--admin must be 3 to 64 lower-case letters, digits, dots, hyphens or underscores, starting with a letter or digit."
                case .email: "--email must be an e-mail address such as name@hospital.no."
                }
            }.joined(separator: "\n")
        }
    }
}
