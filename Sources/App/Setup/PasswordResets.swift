import Domain
import Fluent
import Foundation
import SQLKit

/// "Forgotten your password?": a one-time link by e-mail, to the address the account keeps, valid for an hour.
/// Nobody learns from the answer whether a username exists or has an address.
enum PasswordResets {
    struct Payload: Codable {
        let accountId: UUID
        /// An administrator's invitation to a new account (a day to use it) rather than a reset (an hour).
        var invitation: Bool? = nil
    }

    /// Queues the e-mail for the account with this username, if there is one with an address; the same answer either way.
    static func request(username: String, now: Date, ids: @escaping @Sendable () -> UUID, gate: WriteGate?, on db: any Database) async throws {
        guard let row = try await db.sql().raw("""
            SELECT a.id, a.organization_id FROM accounts a
            JOIN notification_preferences n ON n.person_id = a.person_id AND n.organization_id = a.organization_id
            WHERE a.username = \(bind: username) AND n.email_address IS NOT NULL AND n.email_address <> ''
            """).first() else { return }
        let account = try row.decode(column: "id", as: UUID.self), organization = try row.decode(column: "organization_id", as: UUID.self)
        let payload = String(decoding: try JSONEncoder().encode(Payload(accountId: account)), as: UTF8.self)
        try await db.writeTransaction(gate: gate) { tx in
            try await JobQueue.enqueue(.passwordReset, payload: payload, organizationID: organization, dueAt: now, id: ids(), now: now, on: tx)
            try await AuditEntry(id: ids(), organizationID: organization, actorPersonID: nil, action: AuditLog.Action.create.rawValue,
                                 objectType: "password_reset", objectID: account, subjectPersonID: nil, at: now).create(on: tx)
        }
    }

    /// The worker makes the link when it sends it, so the token is never stored but as its hash.
    static func run(_ job: JobQueue.Claimed, context: JobContext) async throws {
        guard let mail = context.mail else { return }
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        guard let row = try await context.db.sql().raw("""
            SELECT a.username, n.email_address, p.preferred_language, o.default_language, o.time_zone
            FROM accounts a JOIN people p ON p.id = a.person_id AND p.organization_id = a.organization_id
            JOIN organizations o ON o.id = a.organization_id
            JOIN notification_preferences n ON n.person_id = a.person_id AND n.organization_id = a.organization_id
            WHERE a.organization_id = \(bind: job.organizationID) AND a.id = \(bind: payload.accountId)
            """).first(), let address = try row.decode(column: "email_address", as: String?.self), EmailAddress.isValid(address) else { return }
        let invitation = payload.invitation == true
        let texts = invitation ? "invite" : "reset"
        let token = try await AccountSetups.issue(accountID: payload.accountId, organizationID: job.organizationID, now: context.now,
                                                  lifetime: invitation ? AccountSetupLink.lifetime : AccountSetupLink.resetLifetime, id: context.ids(),
                                                  on: context.db)
        let language = try row.decode(column: "preferred_language", as: String?.self).flatMap(AppLanguage.init(rawValue:))
            ?? AppLanguage(rawValue: try row.decode(column: "default_language", as: String.self)) ?? .en
        let t = Localizer(language: language, catalogue: context.catalogue,
                          timeZone: TimeZone(identifier: try row.decode(column: "time_zone", as: String.self)) ?? .defaultForOrganizations)
        let base = mail.publicBaseURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let link = base + SiteRoute.accountSetup(token).path
        let intro = t("\(texts).email_text", ["username": try row.decode(column: "username", as: String.self)])
        let text = """
            \(intro)

            \(t("\(texts).email_open")): \(link)

            \(t("\(texts).email_why"))
            """
        let html = NotificationEmailView(language: language.rawValue, subject: t("\(texts).email_subject"), intro: nil, lines: [intro],
                                         openLabel: t("\(texts).email_open"), openURL: link, why: t("\(texts).email_why"), changeLabel: t("login.heading"),
                                         settingsURL: base + SiteRoute.login.path).html
        try await mail.sender.send(OutgoingEmail(to: address, subject: t("\(texts).email_subject"), text: text, html: html,
                                                 messageID: job.id.uuidString.lowercased()))
    }
}
