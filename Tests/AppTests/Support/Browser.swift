import Foundation
import NIOHTTP1
import Testing
import Vapor
import VaporTesting
@testable import App

/// A minimal browser for the server-rendered pages: keeps cookies, sends the CSRF token with forms.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var acceptLanguage = "en"
    var userAgent: String?

    init(_ app: Application) {
        self.app = app
    }

    struct Page {
        let status: HTTPStatus
        let html: String
        let location: String?
        /// The database queries the request made.
        var queries: Int = -1
    }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        try await send(.GET, path, form: nil)
    }

    @discardableResult
    func post(_ path: String, form: [(String, String)], csrf: Bool = true) async throws -> Page {
        if cookies[Tokens.csrfCookie] == nil { try await get(SiteRoute.login.path) }
        let token = CSRFProtection.formToken(cookie: cookies[Tokens.csrfCookie] ?? "", session: cookies[Tokens.sessionCookie])
        let fields = (csrf ? [("_csrf", token)] : []) + form
        return try await send(.POST, path, form: fields)
    }

    /// A form with a file, sent as multipart/form-data like a browser does.
    @discardableResult
    func upload(_ path: String, fields: [(String, String)], file: (name: String, filename: String, data: Data)) async throws -> Page {
        if cookies[Tokens.csrfCookie] == nil { try await get(SiteRoute.login.path) }
        let token = CSRFProtection.formToken(cookie: cookies[Tokens.csrfCookie] ?? "", session: cookies[Tokens.sessionCookie])
        let boundary = "ivareta-test-boundary-\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in [("_csrf", token)] + fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: text/csv\r\n\r\n")
        body.writeBytes(file.data)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await send(.POST, path, form: nil, body: (HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]), body))
    }

    static func signedIn(_ app: Application, as username: String) async throws -> Browser {
        let browser = Browser(app)
        let page = try await browser.post(SiteRoute.login.path, form: [("username", username), ("password", DemoSeeder.password)])
        #expect(page.status == .seeOther)
        return browser
    }

    private func send(_ method: HTTPMethod, _ path: String, form: [(String, String)]?, body raw: (HTTPMediaType, ByteBuffer)? = nil) async throws -> Page {
        var page: Page?
        try await app.testing().test(method, path, beforeRequest: { req in
            req.headers.replaceOrAdd(name: .acceptLanguage, value: acceptLanguage)
            if let userAgent { req.headers.replaceOrAdd(name: .userAgent, value: userAgent) }
            if !cookies.isEmpty {
                req.headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            }
            if let form {
                req.headers.contentType = .urlEncodedForm
                let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
                req.body = ByteBuffer(string: body)
            }
            if let raw {
                req.headers.contentType = raw.0
                req.body = raw.1
            }
        }, afterResponse: { res in
            for (name, value) in res.headers.setCookie?.all ?? [:] {
                if value.maxAge == 0 || value.string.isEmpty {
                    cookies[name] = nil
                } else {
                    cookies[name] = value.string
                }
            }
            page = Page(status: res.status, html: res.body.string, location: res.headers.first(name: .location),
                        queries: res.headers.first(name: QueryCounting.header).flatMap(Int.init) ?? -1)
        })
        return try #require(page)
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
