import Vapor

/// A body declared larger than any route takes is refused before it is read: otherwise a client that
/// announces gigabytes and sends two bytes keeps a connection waiting for the rest. A compressed body is
/// refused too: nothing here needs one, and unpacking it (a few KB can unpack to gigabytes) is work an
/// attacker chooses; a garbled one once dropped the connection without an answer.
struct DeclaredBodyLimit: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let limit = HRImports.Run.takesFile(request.url.path) ? HRImports.maxFileBytes : request.application.routes.defaultMaxBodySize.value
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > limit {
            throw Abort(.payloadTooLarge, reason: "The request body may be at most \(limit / 1024) KB.")
        }
        let encodings = request.headers[.contentEncoding].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if encodings.contains(where: { $0 != "identity" && !$0.isEmpty }) {
            throw Abort(.unsupportedMediaType, reason: "Send the body uncompressed, without a Content-Encoding.")
        }
        return try await next.respond(to: request)
    }
}
