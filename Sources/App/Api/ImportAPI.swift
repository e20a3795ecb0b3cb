import Domain
import Vapor

/// `POST /api/v1/imports/units|people`: an HR file as `text/csv`, checked (and with `?apply=true` applied) as the
/// administrator's page does it.
enum ImportAPI {
    struct Outcome: Content {
        var added = 0, changed = 0, moved = 0, deactivated = 0, reactivated = 0, unchanged = 0
        var errors: [Problem] = []

        init(_ counts: HRImports.Counts, errors: [Problem] = []) {
            (added, changed, moved, deactivated, reactivated, unchanged) =
                (counts.added, counts.changed, counts.moved, counts.deactivated, counts.reactivated, counts.unchanged)
            self.errors = errors
        }
    }

    struct Problem: Content {
        let line: Int
        let column: String
        let message: String
    }

    static func units(_ req: Request) async throws -> Response { try await run(.units, req) }
    static func people(_ req: Request) async throws -> Response { try await run(.people, req) }

    private static func run(_ kind: ImportKind, _ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayAdministerOrganization(user.actor) else {
            throw APIError(.forbidden, "forbidden", "Only the organization's administrators import HR files.")
        }
        guard let type = req.headers.contentType, type.type.lowercased() == "text", type.subType.lowercased() == "csv" else {
            throw APIError(.unsupportedMediaType, "unsupported_media_type", "Send the file as text/csv.")
        }
        let apply: Bool
        switch req.query[String.self, at: "apply"] {
        case nil, "false": apply = false
        case "true": apply = true
        default: throw APIError(.badRequest, "invalid_query", "apply is true or false.")
        }
        let body = try await req.body.collect(max: HRImports.maxFileBytes).get()
        let file = body.map { Data(buffer: $0) } ?? Data()
        let run = try HRImports.Run(req)
        do {
            // Applying honours Idempotency-Key: a retry of the same file gets the first answer (its counts), not "unchanged".
            if apply, let claim = try Idempotency.claim(.apiImport, key: req.headers.first(name: "Idempotency-Key"),
                                                        request: [kind.rawValue, Tokens.hash(String(decoding: file, as: UTF8.self))], at: req.url.path) {
                let table = try HRImports.table(file)
                return try await APIController.idempotent {
                    try await Idempotency.once(claim, in: try req.context()) { tx in
                        let preview = try await HRImports.applyInside(kind, table, run: run.inside(tx.db))
                        return (preview.counts, Idempotency.Answer(status: 200, location: nil, body: try APIJSON.string(Outcome(preview.counts))))
                    }
                }.response
            }
            let preview = apply ? try await HRImports.apply(kind, file: file, run: run) : try await HRImports.preview(kind, file: file, run: run)
            return try await Outcome(preview.counts).encodeResponse(status: .ok, for: req)
        } catch HRImports.Failure.invalid(let problems) {
            let t = req.localizer
            return try await Outcome(HRImports.Counts(), errors: problems.map { Problem(line: $0.line, column: $0.column, message: ImportTexts.reason($0, t)) })
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}
