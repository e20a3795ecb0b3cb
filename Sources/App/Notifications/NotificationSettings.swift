import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// A person's own choices about e-mail and quiet hours. Whether a peer supporter is on call is the rota's to say.
enum NotificationSettings {
    struct Form: Content {
        var emailAddress: String?
        var emailEnabled: String?
        var quietStart: String?
        var quietEnd: String?
    }

    struct Invalid: Error {
        let errors: [(field: String, key: String)]
    }

    static func preferences(of person: UUID, organizationID: UUID, on db: any Database) async throws -> ChannelPreferences {
        try await record(of: person, organizationID: organizationID, on: db)?.preferences ?? ChannelPreferences()
    }

    static func record(of person: UUID, organizationID: UUID, on db: any Database) async throws -> NotificationPreference? {
        try await NotificationPreference.query(on: db)
            .filter(\.$organizationID == organizationID).filter(\.$personID == person).first()
    }

    /// Turns the form into preferences, or says what is wrong with each field.
    static func validate(_ form: Form) -> Result<ChannelPreferences, Invalid> {
        var errors: [(field: String, key: String)] = []
        let address = form.emailAddress?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let emailEnabled = form.emailEnabled == "true"
        if !address.isEmpty && !EmailAddress.isValid(address) {
            errors.append(("emailAddress", "settings.error.email_invalid"))
        } else if address.isEmpty && emailEnabled {
            errors.append(("emailAddress", "settings.error.email_needed"))
        }
        let start = form.quietStart?.trimmingCharacters(in: .whitespaces) ?? ""
        let end = form.quietEnd?.trimmingCharacters(in: .whitespaces) ?? ""
        var quietHours: QuietHours?
        switch (start.isEmpty, end.isEmpty) {
        case (true, true):
            quietHours = nil
        case (false, false):
            if let from = minutes(start), let to = minutes(end) {
                quietHours = QuietHours(start: from, end: to)
                if quietHours == nil { errors.append(("quietEnd", "settings.error.quiet_same")) }
            } else {
                errors.append((minutes(start) == nil ? "quietStart" : "quietEnd", "settings.error.quiet_time"))
            }
        default:
            errors.append((start.isEmpty ? "quietStart" : "quietEnd", "settings.error.quiet_both"))
        }
        guard errors.isEmpty else { return .failure(Invalid(errors: errors)) }
        return .success(ChannelPreferences(emailAddress: address.isEmpty ? nil : address, emailEnabled: emailEnabled,
                                           quietHours: quietHours))
    }

    /// `HH:MM` (what `<input type=time>` sends) to minutes after midnight.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2 || parts.count == 3, let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0..<24).contains(hours), (0..<60).contains(minutes) else { return nil }
        return hours * 60 + minutes
    }

    static func clock(_ minutes: Int?) -> String {
        guard let minutes else { return "" }
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    /// One row per person; an upsert, so two tabs saving at once cannot collide.
    static func save(_ preferences: ChannelPreferences, for user: CurrentUser, now: Date, newID: () -> UUID, on db: any Database) async throws {
        try await db.sql().raw("""
            INSERT INTO notification_preferences (id, organization_id, person_id, email_address, email_enabled, quiet_start, quiet_end, updated_at)
            VALUES (\(bind: newID()), \(bind: user.organizationID), \(bind: user.personID), \(bind: preferences.emailAddress),
                    \(bind: preferences.emailEnabled), \(bind: preferences.quietHours?.start), \(bind: preferences.quietHours?.end), \(bind: now))
            ON CONFLICT (organization_id, person_id) DO UPDATE SET
              email_address = excluded.email_address, email_enabled = excluded.email_enabled, quiet_start = excluded.quiet_start,
              quiet_end = excluded.quiet_end, updated_at = excluded.updated_at
            """).run()
    }

    static func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let preferences = try await preferences(of: user.personID, organizationID: user.organizationID, on: req.db)
        try await AuditLog.record(req, .read, "notification_preferences", id: user.personID, subject: user.personID)
        let form = Form(emailAddress: preferences.emailAddress, emailEnabled: preferences.emailEnabled ? "true" : nil,
                        quietStart: clock(preferences.quietHours?.start), quietEnd: clock(preferences.quietHours?.end))
        return page(req, form: form, errors: [], saved: false)
    }

    static func save(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(Form.self)
        switch validate(form) {
        case .failure(let invalid):
            return page(req, form: form, errors: invalid.errors, saved: false, status: .unprocessableEntity)
        case .success(let preferences):
            try await save(preferences, for: user, now: req.now, newID: req.newID, on: req.db)
            try await AuditLog.record(req, .update, "notification_preferences", id: user.personID, subject: user.personID)
            return page(req, form: form, errors: [], saved: true)
        }
    }

    private static func page(_ req: Request, form: Form, errors: [(field: String, key: String)], saved: Bool,
                             status: HTTPResponseStatus = .ok) -> Response {
        let user = req.currentUser
        let t = req.localizer
        let supporter = user.map { AccessPolicy.mayBeOnCall($0.actor) } ?? false
        let model = NotificationSettingsPageModel(form: form, errors: errors, isSupporter: supporter, mailConfigured: req.application.mail != nil,
                                                  t: t, csrf: req.csrfToken)
        return Pages.respond(req, title: model.heading, current: .notificationSettings, flash: saved ? t("settings.saved") : nil, status: status,
                             main: NotificationSettingsPageView(model: model).main)
    }
}
