import Logging
import NIOConcurrencyHelpers
import Vapor

/// Counts the database queries a request makes and reports them in `X-Query-Count`, so tests can hold every
/// page to a fixed number. Both drivers log each statement as "Executing query" through the request's
/// logger; this middleware gives the request a logger that counts those lines and passes everything else on
/// unchanged. Installed only when `Settings.countQueries` is set (the tests).
struct QueryCounting: AsyncMiddleware {
    static let header = "X-Query-Count"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let count = NIOLockedValueBox(0)
        let original = request.logger
        var counting = Logger(label: original.label) { _ in CountingLogHandler(count: count, forward: original) }
        counting.logLevel = .debug
        for (key, value) in original.handler.metadata { counting[metadataKey: key] = value }
        request.logger = counting
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: Self.header, value: "\(count.withLockedValue { $0 })")
        return response
    }
}

private struct CountingLogHandler: LogHandler {
    let count: NIOLockedValueBox<Int>
    let forward: Logger
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        if event.message.description == "Executing query" {
            count.withLockedValue { $0 += 1 }
        }
        guard event.level >= forward.logLevel else { return }
        forward.log(level: event.level, event.message, metadata: metadata.merging(event.metadata ?? [:]) { $1 },
                    source: event.source, file: event.file, function: event.function, line: event.line)
    }
}
