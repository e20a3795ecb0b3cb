import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import Vapor
@testable import App

@Suite("Response headers and logs")
struct ResponseHeaderTests {
    /// Errors are answers like any other: the same protection, and nothing about a person is cached.
    @Test func everyAnswerCarriesTheSecurityHeadersErrorsToo() async throws {
        try await withTestApp { app in
            let leader = try await APIClient.signIn(app, as: "leader")
            let nurse = try await Browser.signedIn(app, as: "nurse")
            let caseID = try await app.caseID(of: "nurse")
            var answers: [(String, HTTPHeaders, HTTPStatus)] = []
            for path in ["/api/v1/me", "/api/v1/cases/\(caseID)", "/api/v1/cases/\(UUID())", "/api/v1/nothing", "/api/v1/cases/not-a-uuid"] {
                let answer = try await leader.send(.GET, path)
                answers.append((path, answer.headers, answer.status))
            }
            let bad = try await leader.send(.POST, "/api/v1/events", raw: "{", contentType: .plainText)
            answers.append(("bad body", bad.headers, bad.status))
            for path in [SiteRoute.caseDetail(caseID).path, "/no/such/page", "/cases/not-a-uuid", SiteRoute.tasks.path] {
                try await app.testing().test(.GET, path, beforeRequest: { req in
                    req.headers.replaceOrAdd(name: .cookie, value: nurse.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
                }) { res in answers.append((path, res.headers, res.status)) }
            }
            #expect(Set(answers.map(\.2.code)).isSuperset(of: [200, 400, 403, 404, 415]))
            for (path, headers, _) in answers {
                #expect(headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true, "\(path)")
                #expect(headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                #expect(headers.first(name: .cacheControl) == "no-store", "\(path)")
            }
            try await app.testing().test(.GET, SiteRoute.stylesheet.path) { res in
                #expect(res.headers.first(name: .cacheControl)?.hasPrefix("public") == true)
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
            }
        }
    }

    /// A path with a line break in it must not become a second, forged line in the log.
    @Test func aCraftedPathCannotForgeALogLine() async throws {
        try await withTestApp(seed: false) { app in
            let lines = NIOLockedValueBox<[String]>([])
            let request = Request(application: app, method: .GET, url: URI(string: "/forge%0a2026-12-01T00:00:00Z%20critical%20admin%20deleted%1b%5B2J"),
                                  on: app.eventLoopGroup.next())
            request.logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
            let responder = AnyAsyncResponder { _ in Response(status: .ok) }
            _ = try await RequestLogMiddleware(level: .info).respond(to: request, chainingTo: responder)
            let logged = lines.withLockedValue { $0 }
            #expect(logged.count == 1)
            let line = try #require(logged.first)
            #expect(!line.contains("\n"))
            #expect(!line.contains("\u{1B}"))
            #expect(line == "GET /forge\\n2026-12-01T00:00:00Z critical admin deleted\\u{1b}[2J")
        }
    }
}

private struct AnyAsyncResponder: AsyncResponder {
    let answer: @Sendable (Request) async throws -> Response
    init(_ answer: @escaping @Sendable (Request) async throws -> Response) { self.answer = answer }
    func respond(to request: Request) async throws -> Response { try await answer(request) }
}

private struct CapturingLogHandler: LogHandler {
    let lines: NIOLockedValueBox<[String]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        lines.withLockedValue { $0.append(event.message.description) }
    }
}
