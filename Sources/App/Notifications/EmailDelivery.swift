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
                                   dueAt: preferences.emailAt(now: context.now, urgency: message.urgency, timeZone: zone),
                                   id: context.ids(), now: context.now, on: context.db)
    }

    /// Sends unless it was sent already or the person has switched e-mail off since. Marking it sent comes after
    /// the SMTP server accepted it, so a crash in between can send it twice, never zero times.
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
        var email = compose(kind: message.kind, link: message.linkPath, to: address, baseURL: mail.publicBaseURL, t)
        email.messageID = payload.messageId.uuidString.lowercased()
        try await mail.sender.send(email)
        try await context.db.sql().raw("""
            UPDATE messages SET emailed_at = \(bind: context.now) WHERE id = \(bind: payload.messageId) AND emailed_at IS NULL
            """).run()
    }

    /// The person's choices, with whether the rota has them on call now: an urgent message reaches someone on
    /// call by e-mail even when e-mail is off. Only urgent messages need the rota read.
    private static func deliveryPreferences(of person: UUID, organizationID: UUID, urgency: Urgency, now: Date,
                                            on db: any Database) async throws -> ChannelPreferences {
        var preferences = try await NotificationSettings.preferences(of: person, organizationID: organizationID, on: db)
        if urgency == .urgent { preferences.onCall = try await OnCall.isOnCall(person, organizationID: organizationID, now: now, on: db) }
        return preferences
    }

    static func compose(kind: String, link: String, to address: String, baseURL: String, _ t: Localizer) -> OutgoingEmail {
        let what = Messages.text(kind, t)
        let base = baseURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let url = base + (Messages.isOwnPath(link) ? link : SiteRoute.home.path)
        let settings = base + SiteRoute.notificationSettings.path
        let text = """
            \(what)

            \(t("email.open")): \(url)

            \(t("email.why"))
            \(t("email.change")): \(settings)
            """
        let html = NotificationEmailView(language: t.language.rawValue, subject: t("email.subject"), what: what, openLabel: t("email.open"),
                                         openURL: url, why: t("email.why"), changeLabel: t("email.change"), settingsURL: settings).html
        return OutgoingEmail(to: address, subject: t("email.subject"), text: text, html: html)
    }
}
