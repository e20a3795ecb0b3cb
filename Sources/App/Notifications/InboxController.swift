import Domain
import Fluent
import Vapor

enum InboxController {
    static let pageSize = 50

    static func query(person: UUID, organizationID: UUID, on db: any Database) async throws -> [Message] {
        try await Message.query(on: db)
            .filter(\.$organizationID == organizationID).filter(\.$recipientPersonID == person)
            .sort(\.$createdAt, .descending).limit(pageSize).all()
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
