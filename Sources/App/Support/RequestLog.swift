import Logging
import Vapor

/// Logs each request's method and path. The path is the client's text: its control characters are written
/// as escapes, so a crafted path cannot start a line of its own in the log or recolour a terminal.
struct RequestLogMiddleware: AsyncMiddleware {
    let level: Logger.Level

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.logger.log(level: level, "\(Self.line(for: request))")
        return try await next.respond(to: request)
    }

    static func line(for request: Request) -> String {
        "\(request.method) \(LogText.safe(SiteRoute.withoutSecrets(request.url.path.removingPercentEncoding ?? request.url.path)))"
    }
}

enum LogText {
    /// Text from outside, made safe for one log line: control characters, line separators and invisible
    /// format characters (a right-to-left override can make a line read differently) become escapes.
    static func safe(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                let category = scalar.properties.generalCategory
                if category == .control || category == .format || category == .lineSeparator || category == .paragraphSeparator || scalar.value == 0x85 {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
