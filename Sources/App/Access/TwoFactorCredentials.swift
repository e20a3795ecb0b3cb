import Domain
import Fluent
import Foundation
import HummingbirdOTP
import SQLKit

/// Each account's authenticator secret and recovery codes. The secret must be kept to check codes against it;
/// the recovery codes are kept as hashes only.
enum TwoFactorCredentials {
    static let credentials = "two_factor_credentials"
    static let recoveryCodes = "recovery_codes"

    struct Credential: Sendable {
        let secret: String
        let confirmedAt: Date?
        let lastStep: Int64?

        var confirmed: Bool { confirmedAt != nil }
    }

    static func find(accountID: UUID, organizationID: UUID, box: SecretBox, on db: any Database) async throws -> Credential? {
        guard let row = try await db.sql().raw("""
            SELECT secret, confirmed_at, last_step FROM two_factor_credentials
            WHERE organization_id = \(bind: organizationID) AND account_id = \(bind: accountID)
            """).first() else { return nil }
        return Credential(secret: try box.open(try row.decode(column: "secret", as: String.self), for: accountID),
                          confirmedAt: try row.decode(column: "confirmed_at", as: Date?.self),
                          lastStep: try row.decode(column: "last_step", as: Int64?.self))
    }

    /// The secret being enrolled, made on first need and the same on every reload until a code confirms it.
    static func enrolling(accountID: UUID, organizationID: UUID, now: Date, id: UUID, box: SecretBox, on db: any Database) async throws -> Credential {
        if let existing = try await find(accountID: accountID, organizationID: organizationID, box: box, on: db) { return existing }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        let secret = String((0..<32).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
        // Two tabs at once: the first secret stays, the other insert changes nothing.
        try await db.sql().insert(into: credentials).columns("id", "organization_id", "account_id", "secret", "created_at")
            .values(SQLBind(id), SQLBind(organizationID), SQLBind(accountID), SQLBind(try box.seal(secret, for: accountID)), SQLBind(now))
            .ignoringConflicts(with: ["account_id"])
            .run()
        guard let made = try await find(accountID: accountID, organizationID: organizationID, box: box, on: db) else { throw TwoFactorError.missing }
        return made
    }

    /// The `otpauth://` address an authenticator app takes, and the key in it for typing by hand, in groups of four.
    static func enrolment(_ credential: Credential, username: String) -> (link: String, key: String) {
        let link = TOTP(secret: credential.secret).createAuthenticatorURL(label: "Ivareta:\(username)", issuer: "Ivareta")
        let key = URLComponents(string: link)?.queryItems?.first { $0.name == "secret" }?.value ?? ""
        let groups = stride(from: 0, to: key.count, by: 4).map { start in
            String(key.dropFirst(start).prefix(4))
        }
        return (link, groups.joined(separator: " "))
    }

    enum Outcome: Sendable, Equatable {
        /// The code was right; `recoveryCodes` are new when this code confirmed the enrolment (shown once).
        case accepted(recoveryCodes: [String])
        case refused
    }

    /// Checks a typed code: the authenticator's (one step either side, never one taken before) or an unused recovery
    /// code. The first right code confirms the enrolment and makes the recovery codes, in the same transaction
    /// with its audit entry. `renewingRecoveryCodes`: the app's code (never a recovery code) replaces them all.
    static func verify(_ typed: String, accountID: UUID, organizationID: UUID, renewingRecoveryCodes: Bool = false, now: Date,
                       ids: @escaping @Sendable () -> UUID, gate: WriteGate?, box: SecretBox, on db: any Database) async throws -> Outcome {
        guard let credential = try await find(accountID: accountID, organizationID: organizationID, box: box, on: db) else { return .refused }
        let totp = TOTP(secret: credential.secret)
        if let step = TwoFactor.acceptedStep(typed, now: now, lastStep: credential.lastStep, code: {
            totp.compute(date: Date(timeIntervalSince1970: Double($0) * TwoFactor.stepSeconds))
        }) {
            return try await db.writeTransaction(gate: gate) { tx in
                let taken = try await tx.sql().raw("""
                    UPDATE two_factor_credentials SET last_step = \(bind: step), confirmed_at = COALESCE(confirmed_at, \(bind: now))
                    WHERE organization_id = \(bind: organizationID) AND account_id = \(bind: accountID)
                      AND (last_step IS NULL OR last_step < \(bind: step))
                    RETURNING id
                    """).all()
                guard !taken.isEmpty else { return .refused }
                guard !credential.confirmed || renewingRecoveryCodes else { return .accepted(recoveryCodes: []) }
                try await tx.sql().raw("""
                    DELETE FROM recovery_codes WHERE organization_id = \(bind: organizationID) AND account_id = \(bind: accountID)
                    """).run()
                let codes = (0..<TwoFactor.recoveryCodeCount).map { _ in newRecoveryCode() }
                var insert = try tx.sql().insert(into: recoveryCodes).columns("id", "organization_id", "account_id", "code_hash")
                for code in codes {
                    insert = insert.values(SQLBind(ids()), SQLBind(organizationID), SQLBind(accountID),
                                           SQLBind(Tokens.hash(TwoFactor.normalizedRecoveryCode(code))))
                }
                try await insert.run()
                try await AuditEntry(id: ids(), organizationID: organizationID, actorPersonID: nil,
                                     action: (credential.confirmed ? AuditLog.Action.update : .create).rawValue,
                                     objectType: credential.confirmed ? "recovery_codes" : "two_factor", objectID: accountID, subjectPersonID: nil, at: now)
                    .create(on: tx)
                return .accepted(recoveryCodes: codes)
            }
        }
        guard credential.confirmed, !renewingRecoveryCodes else { return .refused }
        let hash = Tokens.hash(TwoFactor.normalizedRecoveryCode(typed))
        return try await db.writeTransaction(gate: gate) { tx in
            let used = try await tx.sql().raw("""
                UPDATE recovery_codes SET used_at = \(bind: now)
                WHERE organization_id = \(bind: organizationID) AND account_id = \(bind: accountID) AND code_hash = \(bind: hash) AND used_at IS NULL
                RETURNING id
                """).all()
            guard let row = used.first else { return .refused }
            try await AuditEntry(id: ids(), organizationID: organizationID, actorPersonID: nil, action: AuditLog.Action.update.rawValue,
                                 objectType: "recovery_code", objectID: try row.decode(column: "id", as: UUID.self), subjectPersonID: nil, at: now)
                .create(on: tx)
            return .accepted(recoveryCodes: [])
        }
    }

    static func unusedRecoveryCodes(accountID: UUID, organizationID: UUID, on db: any Database) async throws -> Int {
        try await db.sql().raw("""
            SELECT COUNT(*) AS n FROM recovery_codes WHERE organization_id = \(bind: organizationID) AND account_id = \(bind: accountID) AND used_at IS NULL
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Ten letters and digits that cannot be mistaken for each other, as two groups of five.
    private static func newRecoveryCode() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        let letters = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] }
        return String(letters.prefix(5)) + "-" + String(letters.suffix(5))
    }

    enum TwoFactorError: Error { case missing }
}
