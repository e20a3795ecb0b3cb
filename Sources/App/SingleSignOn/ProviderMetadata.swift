import Foundation
import JWT
import Vapor

/// What a provider publishes about itself (OpenID Connect Discovery), and its signing keys; both read over
/// HTTPS and kept for an hour, and the keys read again when a token names a key not seen yet (key rotation).
actor ProviderMetadata {
    struct Document: Decodable, Sendable {
        let issuer: String
        let authorization_endpoint: String
        let token_endpoint: String
        let jwks_uri: String
        let end_session_endpoint: String?
        let pushed_authorization_request_endpoint: String?
    }

    private var documents: [String: (Document, Date)] = [:]
    private var keys: [String: (JWTKeyCollection, Date)] = [:]
    static let lifetime: TimeInterval = 3600

    func document(for provider: SingleSignOnProvider, client: any Client, now: Date) async throws -> Document {
        if let (document, at) = documents[provider.issuer], now.timeIntervalSince(at) < Self.lifetime { return document }
        let address = provider.issuer.hasSuffix("/") ? provider.issuer + ".well-known/openid-configuration" : provider.issuer + "/.well-known/openid-configuration"
        let response = try await client.get(URI(string: address))
        guard response.status == .ok else { throw SingleSignOn.Failure.provider }
        let document = try response.content.decode(Document.self, using: JSONDecoder())
        // A document that names another issuer is someone else's (OpenID Connect Discovery, section 4.3).
        guard document.issuer == provider.issuer else { throw SingleSignOn.Failure.provider }
        documents[provider.issuer] = (document, now)
        return document
    }

    func keys(for document: Document, client: any Client, now: Date, refresh: Bool) async throws -> JWTKeyCollection {
        if !refresh, let (collection, at) = keys[document.jwks_uri], now.timeIntervalSince(at) < Self.lifetime { return collection }
        let response = try await client.get(URI(string: document.jwks_uri))
        guard response.status == .ok, let body = response.body else { throw SingleSignOn.Failure.provider }
        let collection = try await JWTKeyCollection().add(jwksJSON: String(buffer: body))
        keys[document.jwks_uri] = (collection, now)
        return collection
    }
}
