import Foundation

/// What an OpenID Connect ID token must say, once its signature is checked against the provider's published
/// keys: it comes from the configured issuer, is meant for this client, has not expired, and answers the
/// sign-in this browser started (its nonce).
public enum IDTokenRules {
    public struct Claims: Sendable, Equatable {
        public let issuer: String?
        public let audiences: [String]
        public let expiresAt: Date?
        public let issuedAt: Date?
        public let nonce: String?

        public init(issuer: String?, audiences: [String], expiresAt: Date?, issuedAt: Date?, nonce: String?) {
            self.issuer = issuer
            self.audiences = audiences
            self.expiresAt = expiresAt
            self.issuedAt = issuedAt
            self.nonce = nonce
        }
    }

    public enum Problem: String, Sendable, CaseIterable {
        case issuer, audience, expired, issuedInFuture = "issued_in_future", nonce
    }

    /// Clocks drift: a minute either way is allowed, no more.
    public static let leeway: TimeInterval = 60

    public static func problems(_ claims: Claims, issuer: String, clientID: String, nonce: String, now: Date) -> [Problem] {
        var problems: [Problem] = []
        if claims.issuer != issuer { problems.append(.issuer) }
        if !claims.audiences.contains(clientID) { problems.append(.audience) }
        if claims.expiresAt.map({ $0.addingTimeInterval(leeway) <= now }) ?? true { problems.append(.expired) }
        if let issued = claims.issuedAt, issued > now.addingTimeInterval(leeway) { problems.append(.issuedInFuture) }
        // Compared in constant time: the nonce is a secret until the token comes back.
        if !constantTimeEqual(claims.nonce ?? "", nonce) || nonce.isEmpty { problems.append(.nonce) }
        return problems
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
