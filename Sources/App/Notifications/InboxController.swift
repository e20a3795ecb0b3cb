import Domain
import Fluent
import SQLKit
import Vapor

enum InboxController {
    static let pageSize = 50

    /// A message as the inbox shows it: with the kind and date of the event its pathway follows, never more.
    struct Row: Sendable {
        let id: UUID
        let kind: String
        let link: String
        let createdAt: Date
        let readAt: Date?
        let eventKind: EventKind?
        let eventAt: Date?
        /// The message is about the reader's own pathway, so the event is named as they would: by its date.
        let aboutOwnCase: Bool
    }

    /// The newest messages with their events' kind and date, in one query.
    /// `unreadWithPrefix` keeps the unread messages whose kind starts with it (a leader's escalations).
    static func query(person: UUID, organizationID: UUID, unreadWithPrefix prefix: String? = nil, on db: any Database) async throws -> [Row] {
        let filter: SQLQueryString = if let prefix { "AND m.read_at IS NULL AND m.kind LIKE \(bind: prefix + "%")" } else { "" }
        return try await db.sql().raw("""
            SELECT m.id, m.kind, m.link_path, m.created_at, m.read_at, e.kind AS event_kind, e.occurred_at AS event_at, c.person_id AS case_person
            FROM messages m
            LEFT JOIN cases c ON c.organization_id = m.organization_id AND c.id = m.case_id
            LEFT JOIN events e ON e.organization_id = m.organization_id AND e.id = c.event_id
            WHERE m.organization_id = \(bind: organizationID) AND m.recipient_person_id = \(bind: person) \(filter)
            ORDER BY m.created_at DESC, m.id
            LIMIT \(bind: pageSize)
            """).all().map { row in
            Row(id: try row.decode(column: "id", as: UUID.self), kind: try row.decode(column: "kind", as: String.self),
                link: try row.decode(column: "link_path", as: String.self), createdAt: try row.decode(column: "created_at", as: Date.self),
                readAt: try row.decode(column: "read_at", as: Date?.self),
                eventKind: try row.decode(column: "event_kind", as: String?.self).flatMap(EventKind.init(rawValue:)),
                eventAt: try row.decode(column: "event_at", as: Date?.self),
                aboutOwnCase: try row.decode(column: "case_person", as: UUID?.self) == person)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let messages = try await query(person: user.personID, organizationID: user.organizationID, on: req.db)
        let model = InboxPageModel(messages, unread: user.unreadMessages, t: req.localizer, csrf: req.csrfToken)
        return Pages.respond(req, title: model.heading, current: .inbox, main: InboxPageView(model: model).main)
    }

    static func markRead(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.pageID(RouteParameter.messageID)
        guard let message = try await Message.query(on: req.db)
            .filter(\.$organizationID == user.organizationID).filter(\.$id == id).first() else { throw PageError.notFound }
        guard message.recipientPersonID == user.personID else { throw PageError.forbidden }
        if message.readAt == nil {
            message.readAt = req.now
            try await message.save(on: req.db)
        }
        return req.redirect(to: SiteRoute.inbox.path)
    }

    static func markAllRead(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await Message.query(on: req.db)
            .filter(\.$organizationID == user.organizationID).filter(\.$recipientPersonID == user.personID).filter(\.$readAt == nil)
            .set(\.$readAt, to: req.now).update()
        return req.redirect(to: SiteRoute.inbox.path)
    }
}
