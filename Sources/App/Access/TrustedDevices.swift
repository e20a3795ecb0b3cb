import Fluent
import Foundation
import SQLKit
import Vapor

/// The device cookie of OWASP's advice on lockouts: after a successful login the browser gets a random token
/// for that account, and later logins that carry it are told apart from guesses made elsewhere. One cookie
/// per account, so colleagues sharing a ward computer are each recognised.
enum TrustedDevices {
    static let table = "trusted_devices"
    static let lifetime: TimeInterval = 180 * 86_400

    /// The cookie for `username`: named by a hash, so the name tells nothing about whose it is.
    static func cookieName(for username: String) -> String {
        "ivareta_device_" + Tokens.hash(username).prefix(16)
    }

    /// The hash of the device token the request carries for `username`, when it belongs to that account.
    static func recognised(username: String, on req: Request) async throws -> String? {
        guard let token = req.cookies[cookieName(for: username)]?.string, !token.isEmpty else { return nil }
        let hash = Tokens.hash(token)
        let row = try await req.db.sql().raw("""
            SELECT d.id FROM \(ident: table) d JOIN accounts a ON a.id = d.account_id AND a.organization_id = d.organization_id
            WHERE d.token_hash = \(bind: hash) AND a.username = \(bind: username) AND d.created_at > \(bind: req.now.addingTimeInterval(-lifetime))
            """).first()
        return row == nil ? nil : hash
    }

    /// Remembers this browser for the account and sets its cookie on `response`.
    static func remember(_ account: Account, on req: Request, response: Response) async throws {
        let token = Tokens.random()
        try await req.db.sql().insert(into: table).columns("id", "organization_id", "account_id", "token_hash", "created_at")
            .values(SQLBind(req.newID()), SQLBind(account.organizationID), SQLBind(try account.requireID()), SQLBind(Tokens.hash(token)), SQLBind(req.now))
            .run()
        response.cookies[cookieName(for: account.username)] = CSRFProtection.cookie(
            token, secure: req.application.settings.secureCookies, maxAge: Int(lifetime))
    }

    /// "Log out on all devices" forgets them too.
    static func forgetAll(accountID: UUID, organizationID: UUID, on db: any Database) async throws {
        try await db.sql().raw("""
            DELETE FROM \(ident: table) WHERE organization_id = \(bind: organizationID) AND account_id = \(bind: accountID)
            """).run()
    }
}
