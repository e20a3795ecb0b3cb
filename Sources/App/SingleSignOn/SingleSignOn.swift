import Domain
import Fluent
import Foundation
import JWT
import SQLKit
import Vapor

/// Signing in with the organization's identity provider: OpenID Connect's authorization code flow with PKCE,
/// `state` and `nonce`; the authorization request pushed first (PAR) when the provider offers it; the client
/// authenticated with its secret or a JWT signed with its own key; the ID token checked against the provider's
/// published keys, issuer, audience, expiry and nonce. The person must already be known (from HR) and active:
/// nobody unknown gets an account here.
enum SingleSignOn {
    enum Failure: Error, Equatable {
        case notConfigured
        /// The provider could not be reached, or answered what a provider does not.
        case provider
        /// No sign-in of this browser waits for this answer: used already, too old, or never started here.
        case state
        /// The provider refused (the person cancelled, or is not allowed).
        case refusedByProvider
        case signature
        case token([IDTokenRules.Problem])
        case unknownPerson
        case deactivated
    }

    static let table = "sso_logins"
    /// A sign-in started here must come back within this long.
    static let lifetime: TimeInterval = 10 * 60
    static let cookie = "ivareta_sso"

    static func provider(for organization: UUID, in app: Application) -> SingleSignOnProvider? {
        app.settings.singleSignOn.first { $0.organization == organization }
    }

    static func callbackURL(_ app: Application) -> String { app.settings.publicBaseURL + SiteRoute.singleSignOnCallback.path }

    // MARK: Starting

    /// Where the browser goes to sign in: the provider's authorization endpoint, with everything this sign-in
    /// needs to be checked when it comes back written down here first.
    static func begin(_ provider: SingleSignOnProvider, next: String?, on req: Request) async throws -> String {
        let document = try await req.application.providerMetadata.document(for: provider, client: req.client, now: req.now)
        let state = Tokens.random(), nonce = Tokens.random(), verifier = Tokens.random()
        // Sign-ins never finished are let go once they could no longer be answered.
        try await req.db.sql().raw("DELETE FROM \(ident: table) WHERE created_at < \(bind: req.now.addingTimeInterval(-lifetime))").run()
        try await req.db.sql().insert(into: table).columns("id", "organization_id", "state_hash", "nonce", "code_verifier", "next_path", "created_at")
            .values(SQLBind(req.application.environmentals.uuid()), SQLBind(provider.organization), SQLBind(Tokens.hash(state)), SQLBind(nonce),
                    SQLBind(verifier), SQLBind(next), SQLBind(req.now))
            .run()
        let challenge = Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncoded
        let parameters = [("response_type", "code"), ("client_id", provider.clientId), ("redirect_uri", callbackURL(req.application)),
                          ("scope", provider.scope), ("state", state), ("nonce", nonce), ("code_challenge", challenge),
                          ("code_challenge_method", "S256")]
        guard let par = document.pushed_authorization_request_endpoint else {
            return document.authorization_endpoint + query(document.authorization_endpoint, parameters)
        }
        // Pushed: the parameters go to the provider directly, authenticated, and the browser carries only a reference.
        let response = try await post(par, parameters, provider: provider, audience: document.token_endpoint, on: req)
        struct Pushed: Decodable { let request_uri: String }
        guard response.status == .created || response.status == .ok, let pushed = try? response.content.decode(Pushed.self, using: JSONDecoder()) else {
            throw Failure.provider
        }
        return document.authorization_endpoint + query(document.authorization_endpoint, [("client_id", provider.clientId), ("request_uri", pushed.request_uri)])
    }

    private static func query(_ endpoint: String, _ parameters: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = parameters.map { URLQueryItem(name: $0.0, value: $0.1) }
        // A plus would be read as a space: encode it as the form encoding does not.
        let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return (endpoint.contains("?") ? "&" : "?") + encoded
    }

    /// The provider's own sign-out (RP-initiated logout), coming back to `path` here; nil when it publishes none.
    static func endSessionURL(_ provider: SingleSignOnProvider, returningTo path: String, on req: Request) async throws -> String? {
        let document = try await req.application.providerMetadata.document(for: provider, client: req.client, now: req.now)
        return document.end_session_endpoint.map { endpoint in
            endpoint + query(endpoint, [("client_id", provider.clientId), ("post_logout_redirect_uri", req.application.settings.publicBaseURL + path)])
        }
    }

    // MARK: Coming back

    struct SignedIn: Sendable {
        let account: Account
        let next: String?
    }

    /// Checks the provider's answer and finds the person. The sign-in it answers is used up first, so a replayed
    /// answer finds nothing.
    static func finish(code: String, state: String, on req: Request) async throws -> SignedIn {
        guard let pending = try await req.db.sql().raw("""
            DELETE FROM \(ident: table) WHERE state_hash = \(bind: Tokens.hash(state)) RETURNING organization_id, nonce, code_verifier, next_path, created_at
            """).first() else { throw Failure.state }
        guard try pending.decode(column: "created_at", as: Date.self) > req.now.addingTimeInterval(-lifetime) else { throw Failure.state }
        let organization = try pending.decode(column: "organization_id", as: UUID.self)
        guard let provider = provider(for: organization, in: req.application) else { throw Failure.notConfigured }
        let document = try await req.application.providerMetadata.document(for: provider, client: req.client, now: req.now)
        let response = try await post(document.token_endpoint, [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", callbackURL(req.application)),
            ("code_verifier", try pending.decode(column: "code_verifier", as: String.self)), ("client_id", provider.clientId),
        ], provider: provider, audience: document.token_endpoint, on: req)
        struct Issued: Decodable { let id_token: String }
        guard response.status == .ok, let tokens = try? response.content.decode(Issued.self, using: JSONDecoder()) else { throw Failure.provider }
        let claims = try await verify(tokens.id_token, document: document, on: req)
        let problems = IDTokenRules.problems(claims.rules, issuer: provider.issuer, clientID: provider.clientId,
                                             nonce: try pending.decode(column: "nonce", as: String.self), now: req.now)
        guard problems.isEmpty else { throw Failure.token(problems) }
        guard let value = claims.values[provider.claim], !value.isEmpty else { throw Failure.unknownPerson }
        let account = try await account(for: value, provider: provider, on: req)
        return SignedIn(account: account, next: try pending.decode(column: "next_path", as: String?.self))
    }

    struct VerifiedClaims {
        let rules: IDTokenRules.Claims
        /// The token's string claims, for the one that names the person.
        let values: [String: String]
    }

    private struct IDToken: JWTPayload {
        let iss: IssuerClaim?
        let aud: AudienceClaim?
        let exp: ExpirationClaim?
        let iat: IssuedAtClaim?
        let nonce: String?

        // The claims are checked by `IDTokenRules` against the injected clock, not here.
        func verify(using algorithm: some JWTAlgorithm) throws {}
    }

    /// The signature against the provider's keys (read again once when the token names a key not seen yet).
    private static func verify(_ token: String, document: ProviderMetadata.Document, on req: Request) async throws -> VerifiedClaims {
        let metadata = req.application.providerMetadata
        var payload: IDToken?
        for refresh in [false, true] where payload == nil {
            let keys = try await metadata.keys(for: document, client: req.client, now: req.now, refresh: refresh)
            payload = try? await keys.verify(token, as: IDToken.self)
        }
        guard let payload else { throw Failure.signature }
        let parts = token.split(separator: ".")
        var values: [String: String] = [:]
        if parts.count == 3, let data = Data(base64URLEncoded: String(parts[1])),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            for (key, value) in object {
                if let text = value as? String { values[key] = text } else if let number = value as? NSNumber { values[key] = number.stringValue }
            }
        }
        return VerifiedClaims(rules: IDTokenRules.Claims(issuer: payload.iss?.value, audiences: payload.aud?.value ?? [], expiresAt: payload.exp?.value,
                                                         issuedAt: payload.iat?.value, nonce: payload.nonce),
                              values: values)
    }

    /// The known, active person the claim names, with their account (made now if HR's import gave them none;
    /// never for someone HR does not know).
    private static func account(for value: String, provider: SingleSignOnProvider, on req: Request) async throws -> Account {
        let organization = provider.organization
        let match: SQLQueryString = switch provider.match {
        case .employeeNumber: "p.employee_number = \(bind: value)"
        case .email: "LOWER(p.email) = \(bind: value.lowercased())"
        }
        let rows = try await req.db.sql().raw("""
            SELECT p.id, p.active FROM people p WHERE p.organization_id = \(bind: organization) AND \(match) LIMIT 2
            """).all()
        guard rows.count == 1, let row = rows.first else { throw Failure.unknownPerson }
        guard try row.decode(column: "active", as: Bool.self) else { throw Failure.deactivated }
        let person = try row.decode(column: "id", as: UUID.self)
        if let account = try await Account.query(on: req.db).filter(\.$organizationID == organization).filter(\.$personID == person).first() {
            return account
        }
        let account = Account(id: req.application.environmentals.uuid(), organizationID: organization, personID: person,
                              username: HRImportWriter.username(value, organization: organization, prefix: "sso"),
                              passwordHash: req.application.unknownUserPasswordHash)
        try await req.db.transaction { db in
            try await account.create(on: db)
            try await AuditEntry(id: req.application.environmentals.uuid(), organizationID: organization, actorPersonID: person,
                                 action: AuditLog.Action.create.rawValue, objectType: "account", objectID: account.id, subjectPersonID: person,
                                 at: req.now).create(on: db)
        }
        return account
    }

    // MARK: Client authentication

    /// A form POST to the provider, authenticated as the client: HTTP Basic with the secret, or a signed JWT
    /// (RFC 7523) from the client's own key.
    private static func post(_ endpoint: String, _ parameters: [(String, String)], provider: SingleSignOnProvider, audience: String,
                             on req: Request) async throws -> ClientResponse {
        var fields = parameters
        var headers = HTTPHeaders()
        if let secret = provider.clientSecret {
            headers.basicAuthorization = BasicAuthorization(username: formEncode(provider.clientId), password: formEncode(secret))
        } else {
            fields += [("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                       ("client_assertion", try await clientAssertion(provider, audience: audience, on: req))]
        }
        headers.contentType = .urlEncodedForm
        let body = fields.map { "\(formEncode($0.0))=\(formEncode($0.1))" }.joined(separator: "&")
        return try await req.client.post(URI(string: endpoint), headers: headers) { $0.body = ByteBuffer(string: body) }
    }

    private struct ClientAssertion: JWTPayload {
        let iss: IssuerClaim
        let sub: SubjectClaim
        let aud: AudienceClaim
        let jti: IDClaim
        let iat: IssuedAtClaim
        let exp: ExpirationClaim

        func verify(using algorithm: some JWTAlgorithm) throws {}
    }

    private static func clientAssertion(_ provider: SingleSignOnProvider, audience: String, on req: Request) async throws -> String {
        guard let file = provider.privateKeyFile, let pem = try? String(contentsOfFile: file, encoding: .utf8) else { throw Failure.notConfigured }
        let keys = JWTKeyCollection()
        let kid = provider.keyId.map { JWKIdentifier(string: $0) }
        if let key = try? ES256PrivateKey(pem: pem) {
            await keys.add(ecdsa: key, kid: kid)
        } else if let key = try? Insecure.RSA.PrivateKey(pem: pem) {
            await keys.add(rsa: key, digestAlgorithm: .sha256, kid: kid)
        } else {
            throw Failure.notConfigured
        }
        let now = req.now
        return try await keys.sign(ClientAssertion(iss: .init(value: provider.clientId), sub: .init(value: provider.clientId), aud: .init(value: [audience]),
                                                   jti: .init(value: req.application.environmentals.uuid().uuidString), iat: .init(value: now),
                                                   exp: .init(value: now.addingTimeInterval(60))), kid: kid)
    }

    private static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension Application {
    private struct ProviderMetadataKey: StorageKey {
        typealias Value = ProviderMetadata
    }

    var providerMetadata: ProviderMetadata {
        get { storage[ProviderMetadataKey.self] ?? ProviderMetadata() }
        set { storage[ProviderMetadataKey.self] = newValue }
    }
}

extension Data {
    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
