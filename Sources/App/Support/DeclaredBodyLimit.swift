import Vapor

/// A body declared larger than any route takes is refused before it is read: otherwise a client that
/// announces gigabytes and sends two bytes keeps a connection waiting for the rest.
struct DeclaredBodyLimit: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > request.application.routes.defaultMaxBodySize.value {
            throw Abort(.payloadTooLarge, reason: "The request body may be at most \(request.application.routes.defaultMaxBodySize.value / 1024) KB.")
        }
        return try await next.respond(to: request)
    }
}
