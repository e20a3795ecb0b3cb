import Fluent
import SQLKit
import Vapor

enum MetricsController {
    static func scrape(_ req: Request) async throws -> Response {
        guard req.application.settings.metricsToken != nil || isLoopback(req.application.http.server.configuration.hostname) else {
            // Served beyond this machine, the figures would tell anyone how busy the program is.
            return Response(status: .forbidden, body: .init(string: "Set IVARETA_METRICS_TOKEN to serve /metrics on an address other than loopback.\n"))
        }
        if let token = req.application.settings.metricsToken {
            let given = req.headers.bearerAuthorization?.token ?? ""
            guard Array(SHA256.hash(data: Data(given.utf8))) == Array(SHA256.hash(data: Data(token.utf8))) else {
                return Response(status: .unauthorized, headers: ["WWW-Authenticate": "Bearer"])
            }
        }
        try await req.application.metrics.refreshQueue(on: req.db.sql(), now: req.now)
        req.application.metrics.refreshStorage(req.application.storageHealth, now: req.now)
        let response = Response(status: .ok, body: .init(string: req.application.metrics.registry.emitToString()))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return response
    }

    static func isLoopback(_ hostname: String) -> Bool {
        hostname == "localhost" || hostname == "::1" || hostname == "[::1]" || hostname.hasPrefix("127.")
    }
}
