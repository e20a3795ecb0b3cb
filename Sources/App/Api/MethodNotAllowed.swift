import Vapor

/// A known path asked with a method it does not take — any method, `QUERY` or made-up ones too — answers 405
/// with the methods it does take, rather than a 404 that would say the path does not exist: the API as JSON,
/// pages as a page in the reader's language.
struct MethodNotAllowed: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let components = request.url.path.split(separator: "/")
        let method = request.method == .HEAD ? "GET" : request.method.rawValue
        guard components.first == "api" else {
            do {
                return try await next.respond(to: request)
            } catch let error as any AbortError where error.status == .notFound && request.route == nil {
                // No route took the path with this method; another method may.
                let allowed = Set(request.application.routes.all.filter { Self.matches($0.path, components) }.map(\.method.rawValue))
                guard !allowed.isEmpty, !allowed.contains(method) else { throw error }
                throw PageError(status: .methodNotAllowed, messageKey: "error.method_not_allowed", allow: allowed.sorted().joined(separator: ", "))
            }
        }
        let allowed = Set(APIRoute.allCases.filter { $0.matches(components) }.map(\.method))
        guard allowed.isEmpty || allowed.contains(method) else {
            let allow = allowed.sorted().joined(separator: ", ")
            throw APIError(.methodNotAllowed, "method_not_allowed", "This endpoint takes \(allow).", allow: allow)
        }
        return try await next.respond(to: request)
    }

    static func matches(_ pattern: [PathComponent], _ components: [Substring]) -> Bool {
        if pattern.last == .catchall { return components.count >= pattern.count - 1 && zip(pattern, components).allSatisfy { matches($0, $1) } }
        return pattern.count == components.count && zip(pattern, components).allSatisfy { matches($0, $1) }
    }

    private static func matches(_ part: PathComponent, _ component: Substring) -> Bool {
        switch part {
        case .constant(let text): text == component
        case .parameter, .anything, .catchall: true
        }
    }
}
