import Domain
import Fluent
import Vapor

enum LanguageController {
    struct Choice: Content {
        var language: String?
    }

    static let cookie = "ivareta_language"

    /// Saves the choice on the person when signed in, otherwise in a cookie for this browser.
    static func choose(_ req: Request) async throws -> Response {
        let choice = try req.content.decode(Choice.self)
        guard let language = choice.language.flatMap(AppLanguage.init(rawValue:)) else { throw PageError(status: .badRequest, messageKey: "error.bad_form") }
        if let user = req.currentUser,
           let person = try await Person.query(on: req.db).filter(\.$id == user.personID).filter(\.$organizationID == user.organizationID).first() {
            person.preferredLanguage = language.rawValue
            try await person.save(on: req.db)
            try await AuditLog.record(req, .update, "person", id: user.personID, subject: user.personID)
        }
        let back = req.headers.first(name: .referer).flatMap(URI.init(string:)).map(\.path) ?? SiteRoute.home.path
        let response = req.redirect(to: back.hasPrefix("/") && !back.hasPrefix("//") ? back : SiteRoute.home.path)
        response.cookies[cookie] = CSRFProtection.cookie(language.rawValue, secure: req.application.settings.secureCookies, maxAge: 365 * 86400)
        return response
    }
}
