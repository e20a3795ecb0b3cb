import Domain
import Fluent
import Foundation
import SQLKit

/// The e-mail that goes with an inbox message, for people who chose e-mail. It says only that there is
/// something to do and links to it: the same minimum as the inbox.
enum EmailDelivery {
    struct Payload: Codable {
        let messageId: UUID
    }

    /// Plans the e-mail for when the recipient wants it: now, or after their quiet hours.
    static func schedule(messageID: UUID, _ message: Messages.Outgoing, context: some Outbox) async throws {
        let preferences = try await deliveryPreferences(of: message.recipient, organizationID: message.organizationID, urgency: message.urgency,
                                                        now: context.now, on: context.db)
        guard preferences.sendsEmail(message.urgency) else { return }
        let zone = try await Organization.find(message.organizationID, on: context.db)?.zone ?? .defaultForOrganizations
        let payload = String(decoding: try JSONEncoder().encode(Payload(messageId: messageID)), as: UTF8.self)
        try await JobQueue.enqueue(JobKind.emailDelivery, payload: payload, organizationID: message.organizationID,
                                   dueAt: preferences.emailAt(now: context.now, urgency: message.urgency, timeZone: zone, window: context.emailDigestWindow),
                                   id: context.ids(), now: context.now, on: context.db)
    }

    /// Sends unless it was sent already or the person has switched e-mail off since. Marking it sent comes after
    /// the SMTP server accepted it and the claim on it lapses, so a crash in between can send it twice, never
    /// zero times.
    static func run(_ job: JobQueue.Claimed, context: JobContext) async throws {
        guard let mail = context.mail else { return }
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        guard let message = try await Message.query(on: context.db)
                .filter(\.$organizationID == job.organizationID).filter(\.$id == payload.messageId).first(),
              message.emailedAt == nil
        else { return }
        let preferences = try await deliveryPreferences(of: message.recipientPersonID, organizationID: job.organizationID, urgency: message.urgency,
                                                        now: context.now, on: context.db)
        guard preferences.sendsEmail(message.urgency), let address = preferences.emailAddress else { return }
        guard let organization = try await Organization.find(job.organizationID, on: context.db),
              let person = try await Person.query(on: context.db)
                .filter(\.$organizationID == job.organizationID).filter(\.$id == message.recipientPersonID).first()
        else { return }
        let language = person.preferredLanguage.flatMap(AppLanguage.init(rawValue:)) ?? AppLanguage(rawValue: organization.defaultLanguage) ?? .en
        let t = Localizer(language: language, catalogue: context.catalogue, timeZone: organization.zone)
        // A normal e-mail takes along the person's other unread messages not e-mailed yet from the same stretch
        // (the digest window, or the quiet hours it waited through): one e-mail, not a dozen. The messages are
        // claimed before sending, so deliveries running at the same moment leave them to this one; an urgent
        // e-mail goes alone, at once.
        let claimed = try await claim(message, window: context.emailDigestWindow, now: context.now, on: context.db)
        guard let first = claimed.first(where: { $0.id == payload.messageId }) else { return }
        let all = [first] + claimed.filter { $0.id != payload.messageId }
        var email = compose(kinds: all.map(\.kind), link: all.count == 1 ? message.linkPath : SiteRoute.inbox.path,
                            to: address, baseURL: mail.publicBaseURL, t)
        email.messageID = payload.messageId.uuidString.lowercased()
        let ids = all.compactMap(\.id)
        do {
            try await mail.sender.send(email)
        } catch {
            try await context.db.sql().raw("UPDATE messages SET email_claimed_until = NULL WHERE id IN (\(binds: ids)) AND emailed_at IS NULL").run()
            throw error
        }
        try await context.db.sql().raw("""
            UPDATE messages SET emailed_at = \(bind: context.now) WHERE id IN (\(binds: ids)) AND emailed_at IS NULL
            """).run()
    }

    /// How long a delivery holds the messages it is sending; after that a retry may take them again.
    static let claimLease: TimeInterval = 10 * 60

    /// Claims this message and, for a normal one, the recipient's other unread normal messages of the same
    /// stretch that no e-mail has taken yet. Those claimed by a delivery running now are left out.
    private static func claim(_ message: Message, window: TimeInterval, now: Date, on db: any Database) async throws -> [Message] {
        guard let messageID = message.id else { return [] }
        var ids = [messageID]
        if message.urgency == .normal {
            ids += try await Message.query(on: db)
                .filter(\.$organizationID == message.organizationID).filter(\.$recipientPersonID == message.recipientPersonID)
                .filter(\.$emailedAt == nil).filter(\.$readAt == nil).filter(\.$urgency == .normal)
                .filter(\.$createdAt >= message.createdAt.addingTimeInterval(-window)).filter(\.$createdAt <= now)
                .filter(\.$id != messageID).sort(\.$createdAt).limit(maxDigest - 1).all().compactMap(\.id)
        }
        let taken = Set(try await db.sql().raw("""
            UPDATE messages SET email_claimed_until = \(bind: now.addingTimeInterval(claimLease))
            WHERE organization_id = \(bind: message.organizationID) AND id IN (\(binds: ids)) AND emailed_at IS NULL
              AND (email_claimed_until IS NULL OR email_claimed_until < \(bind: now))
            RETURNING id
            """).all().map { try $0.decode(column: "id", as: UUID.self) })
        guard !taken.isEmpty else { return [] }
        let messages = try await Message.query(on: db).filter(\.$organizationID == message.organizationID).filter(\.$id ~~ Array(taken)).all()
        return messages.sorted { ($0.createdAt, $0.id?.uuidString ?? "") < ($1.createdAt, $1.id?.uuidString ?? "") }
    }

    /// The person's choices, with whether the rota has them on call now: an urgent message reaches someone on
    /// call by e-mail even when e-mail is off. Only urgent messages need the rota read.
    private static func deliveryPreferences(of person: UUID, organizationID: UUID, urgency: Urgency, now: Date,
                                            on db: any Database) async throws -> ChannelPreferences {
        var preferences = try await NotificationSettings.preferences(of: person, organizationID: organizationID, on: db)
        if urgency == .urgent { preferences.onCall = try await OnCall.isOnCall(person, organizationID: organizationID, now: now, on: db) }
        return preferences
    }

    /// The most messages one e-mail names; any more wait for the next.
    static let maxDigest = 20

    /// One e-mail for one message or several; each line says only what kind of thing waits, and the link opens
    /// it (or the inbox, for several).
    static func compose(kinds: [String], link: String, to address: String, baseURL: String, _ t: Localizer) -> OutgoingEmail {
        let lines = kinds.map { Messages.text($0, t) }
        let subject = lines.count == 1 ? t("email.subject") : t.plural("email.digest_subject", lines.count)
        let base = baseURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let url = base + (Messages.isOwnPath(link) ? link : SiteRoute.home.path)
        let settings = base + SiteRoute.notificationSettings.path
        let open = lines.count == 1 ? t("email.open") : t("email.open_inbox")
        let what = lines.count == 1 ? lines[0] : ([t("email.digest_intro")] + lines.map { "– " + $0 }).joined(separator: "\n")
        let text = """
            \(what)

            \(open): \(url)

            \(t("email.why"))
            \(t("email.change")): \(settings)
            """
        let html = NotificationEmailView(language: t.language.rawValue, subject: subject, intro: lines.count == 1 ? nil : t("email.digest_intro"),
                                         lines: lines, openLabel: open, openURL: url, why: t("email.why"), changeLabel: t("email.change"),
                                         settingsURL: settings).html
        return OutgoingEmail(to: address, subject: subject, text: text, html: html)
    }
}
