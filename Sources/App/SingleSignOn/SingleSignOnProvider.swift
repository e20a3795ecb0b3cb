import Foundation

/// One organization's identity provider, as its IT department configures it: in a JSON file named by
/// `IVARETA_SSO_FILE` (an array of these), never in the database and never logged.
public struct SingleSignOnProvider: Sendable, Decodable, Equatable {
    /// How the person is found: by their employee number (from HR) or by their e-mail address.
    public enum Match: String, Sendable, Decodable {
        case employeeNumber = "employee_number"
        case email
    }

    public let organization: UUID
    /// What the sign-in button says, such as "Sign in with Nordfjord's account".
    public let label: String
    /// Exactly as the provider's discovery document and ID tokens give it.
    public let issuer: String
    public let clientId: String
    /// The client authenticates with this secret (client_secret_basic)…
    public let clientSecret: String?
    /// …or with a JWT signed by its own private key (private_key_jwt), as HelseID requires: a PEM file (RSA or P-256).
    public let privateKeyFile: String?
    public let keyId: String?
    public let match: Match
    /// The ID token claim that carries the employee number or address (Entra ID: `employeeid` or `email`).
    public let claim: String
    public let scopes: String?

    var scope: String { scopes ?? "openid profile email" }

    /// Reads and checks the file; a problem is a sentence for the operator, naming the entry, never a secret.
    public static func load(file path: String) throws -> [SingleSignOnProvider] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError(sentence: "IVARETA_SSO_FILE names \(path), which cannot be read.")
        }
        let providers: [SingleSignOnProvider]
        do {
            providers = try JSONDecoder().decode([SingleSignOnProvider].self, from: data)
        } catch {
            throw ConfigurationError(sentence: "\(path) is not a JSON array of providers (organization, label, issuer, clientId, clientSecret or privateKeyFile, match, claim).")
        }
        for (index, provider) in providers.enumerated() {
            guard (provider.clientSecret == nil) != (provider.privateKeyFile == nil) else {
                throw ConfigurationError(sentence: "Provider \(index + 1) in \(path) needs either clientSecret or privateKeyFile, not both.")
            }
            guard let url = URL(string: provider.issuer), url.scheme == "https" || url.host == "127.0.0.1" || url.host == "localhost" else {
                throw ConfigurationError(sentence: "Provider \(index + 1) in \(path): the issuer must be an https address.")
            }
        }
        guard Set(providers.map(\.organization)).count == providers.count else {
            throw ConfigurationError(sentence: "\(path) names an organization twice: one provider per organization.")
        }
        return providers
    }

    public struct ConfigurationError: Error, CustomStringConvertible {
        public let sentence: String
        public var description: String { sentence }
    }
}
