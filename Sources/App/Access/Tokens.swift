import Domain
import Fluent
import Foundation
import Vapor

enum Tokens {
    static let sessionCookie = "ivareta_session"
    static let csrfCookie = "ivareta_csrf"
    static let apiLifetime: TimeInterval = 8 * 3600
    static let secondFactorCookie = "ivareta_pending"
    static let secondFactorLifetime: TimeInterval = 10 * 60

    static func random() -> String {
        Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }).base64URLEncoded
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Stores a new token for the account and returns its secret, which is never stored.
    static func issue(_ kind: AuthToken.Kind, for account: Account, on req: Request) async throws -> (secret: String, expiresAt: Date) {
        let secret = random()
        let now = req.now
        let lifetime: TimeInterval = switch kind {
        case .session: req.application.settings.sessionLifetime
        case .api: apiLifetime
        case .secondFactor: secondFactorLifetime
        }
        let expiresAt = now.addingTimeInterval(lifetime)
        try await AuthToken(
            id: req.newID(), organizationID: account.organizationID, accountID: try account.requireID(),
            tokenHash: hash(secret), kind: kind, createdAt: now, expiresAt: expiresAt,
            device: DeviceLabel.from(userAgent: req.headers.first(name: .userAgent))
        ).create(on: req.db)
        return (secret, expiresAt)
    }

    static func revoke(_ secret: String, on req: Request) async throws {
        try await AuthToken.query(on: req.db).filter(\.$tokenHash == hash(secret)).delete()
    }

    /// Every session and API token of the account.
    static func revokeAll(of user: CurrentUser, on db: any Database) async throws {
        try await AuthToken.query(on: db).filter(\.$organizationID == user.organizationID).filter(\.$accountID == user.accountID).delete()
    }
}

extension Data {
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
