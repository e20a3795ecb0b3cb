import Domain
import Fluent
import Foundation
import SQLKit

/// The contact log of a request: that contact happened, never what was said.
enum SupportContacts {
    struct Entry: Sendable {
        let id: UUID
        let on: Date
        let channel: ContactChannel
        let durationMinutes: Int
        let nextContactAt: Date?
    }

    enum Failure: Error {
        case request(SupportOffers.Failure)
        /// Only a request the supporter has taken on has contacts.
        case notTakenOn
        case invalid(SupportContact.Problem)
    }

    static func list(requestID: UUID, organizationID: UUID, on db: any Database) async throws -> [Entry] {
        try await db.sql().raw("""
            SELECT id, contact_on, channel, duration_minutes, next_contact_at FROM \(ident: PeerSupportSchema.contacts)
            WHERE organization_id = \(bind: organizationID) AND request_id = \(bind: requestID)
            ORDER BY contact_on DESC, id
            LIMIT 200
            """).all().map { row in
            Entry(id: try row.decode(column: "id", as: UUID.self), on: try row.decode(column: "contact_on", as: Date.self),
                  channel: try row.decode(column: "channel", as: ContactChannel.self),
                  durationMinutes: try row.decode(column: "duration_minutes", as: Int.self),
                  nextContactAt: try row.decode(column: "next_contact_at", as: Date?.self))
        }
    }

    /// The request's contacts, for its person and its supporter; the read is audited.
    static func readable(requestID: UUID, in context: ServiceContext) async throws -> [Entry] {
        do {
            let request = try await SupportOffers.authorized(requestID, .view, in: context)
            return try await list(requestID: request.id, organizationID: request.organizationID, on: context.db)
        } catch let failure as SupportOffers.Failure {
            throw Failure.request(failure)
        }
    }

    /// Logs that contact took place, once per claim: a double tap or a form sent again logs one contact, as the
    /// programme's figures count contacts and their minutes.
    static func log(requestID: UUID, on date: Date, channel: ContactChannel, durationMinutes: Int, nextContactAt: Date?, claim: Idempotency.Claim?,
                    answer: @escaping @Sendable (Entry) throws -> Idempotency.Answer, in context: ServiceContext) async throws -> Idempotency.Outcome<Entry> {
        let request: SupportOffers.Request
        do {
            request = try await SupportOffers.authorized(requestID, .logContact, in: context)
        } catch let failure as SupportOffers.Failure {
            throw Failure.request(failure)
        }
        if let earlier: Idempotency.Outcome<Entry> = try await Idempotency.earlier(claim, in: context) { return earlier }
        guard request.status == .accepted else { throw Failure.notTakenOn }
        let contact: SupportContact
        switch SupportContact.check(on: date, channel: channel, durationMinutes: durationMinutes, nextContactAt: nextContactAt,
                                    requestedAt: request.createdAt, now: context.now) {
        case .success(let checked): contact = checked
        case .failure(let problem): throw Failure.invalid(problem)
        }
        return try await Idempotency.once(claim, in: context) { tx in
            let id = tx.newID()
            try await tx.db.sql().insert(into: PeerSupportSchema.contacts)
                .columns("id", "organization_id", "request_id", "contact_on", "channel", "duration_minutes", "next_contact_at", "logged_by", "logged_at")
                .values(SQLBind(id), SQLBind(request.organizationID), SQLBind(request.id), SQLBind(contact.on), SQLBind(contact.channel.rawValue),
                        SQLBind(contact.durationMinutes), SQLBind(contact.nextContactAt), SQLBind(tx.user.personID), SQLBind(tx.now))
                .run()
            try await tx.audit(.create, "support_contact", id: id, subject: request.personID)
            let entry = Entry(id: id, on: contact.on, channel: contact.channel, durationMinutes: contact.durationMinutes, nextContactAt: contact.nextContactAt)
            return (entry, try answer(entry))
        }
    }
}
