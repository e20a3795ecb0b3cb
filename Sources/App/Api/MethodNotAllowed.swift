import Vapor

/// A known API path asked with a method it does not take — any method, `QUERY` or made-up ones too — answers
/// 405 with the methods it does take, rather than a 404 that would say the path does not exist.
struct MethodNotAllowed: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let components = request.url.path.split(separator: "/")
        guard components.first == "api" else { return try await next.respond(to: request) }
        let allowed = Set(APIRoute.allCases.filter { $0.matches(components) }.map(\.method))
        let method = request.method == .HEAD ? "GET" : request.method.rawValue
        guard allowed.isEmpty || allowed.contains(method) else {
            let allow = allowed.sorted().joined(separator: ", ")
            throw APIError(.methodNotAllowed, "method_not_allowed", "This endpoint takes \(allow).", allow: allow)
        }
        return try await next.respond(to: request)
    }
}
