import Domain
import Fluent
import Foundation
import SQLKit

/// For a lost phone with the recovery codes gone: an administrator takes someone's two-factor sign-in away, so
/// that they set it up again at their next sign-in. Their sessions end, and they are told in their inbox.
enum TwoFactorResets {
    enum Failure: Error {
        case forbidden
        /// Not someone here with two-factor sign-in on.
        case notFound
    }

    static let message = "two_factor_reset"

    static func reset(_ personID: UUID, in context: ServiceContext) async throws {
        guard AccessPolicy.mayAdministerOrganization(context.user.actor) else { throw Failure.forbidden }
        try await context.transaction { tx in
            let org = tx.user.organizationID
            guard let row = try await tx.db.sql().raw("""
                SELECT a.id FROM accounts a JOIN two_factor_credentials tf ON tf.account_id = a.id AND tf.organization_id = a.organization_id
                WHERE a.organization_id = \(bind: org) AND a.person_id = \(bind: personID) AND tf.confirmed_at IS NOT NULL
                """).first() else { throw Failure.notFound }
            let account = try row.decode(column: "id", as: UUID.self)
            for table in [TwoFactorCredentials.credentials, TwoFactorCredentials.recoveryCodes, AuthToken.schema] {
                try await tx.db.sql().raw("DELETE FROM \(ident: table) WHERE organization_id = \(bind: org) AND account_id = \(bind: account)").run()
            }
            try await Messages.store([.init(kind: message, urgency: .normal, recipient: personID, organizationID: org,
                                            link: SiteRoute.twoFactorSettings.path, key: "\(message):\(account):\(tx.now.timeIntervalSince1970)")],
                                     context: tx)
            try await tx.audit(.delete, "two_factor", id: account, subject: personID)
        }
    }
}
