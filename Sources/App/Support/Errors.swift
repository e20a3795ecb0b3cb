import AsyncKit
import Domain
import Vapor

/// An API error with a stable machine-readable code; rendered as `{"error":{"code","message"}}`.
struct APIError: Error {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    /// On a conflict, the object's state as it is now, so the client can decide again without another read.
    let current: APIModels.Current?
    /// Seconds before trying again is worth it, sent as `Retry-After`.
    let retryAfter: Int?
    /// The methods a path takes, sent as `Allow` with a 405.
    let allow: String?

    init(_ status: HTTPResponseStatus, _ code: String, _ message: String, current: APIModels.Current? = nil, retryAfter: Int? = nil,
         allow: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.current = current
        self.retryAfter = retryAfter
        self.allow = allow
    }

    static func notFound(_ what: String) -> APIError { APIError(.notFound, "not_found", "No \(what) with that id.") }
    static let forbidden = APIError(.forbidden, "forbidden", "You may not do this.")

    static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(.unprocessableEntity, "invalid_field", "\(field): \(message)")
    }
}

/// An error a page shows in the user's language; the key names its text in the catalogue.
struct PageError: Error {
    let status: HTTPResponseStatus
    let messageKey: String
    /// The methods a path takes, sent as `Allow` with a 405.
    var allow: String? = nil

    static let formExpired = PageError(status: .forbidden, messageKey: "error.form_expired")
    static let notFound = PageError(status: .notFound, messageKey: "error.not_found")
    static let forbidden = PageError(status: .forbidden, messageKey: "error.forbidden")
    static let badRequest = PageError(status: .badRequest, messageKey: "error.bad_form")
}

extension AccessDecision {
    /// Another organization's object answers as if it did not exist; a forbidden one says so.
    func enforceForPage() throws {
        switch self {
        case .allowed: return
        case .forbidden: throw PageError.forbidden
        case .notFound: throw PageError.notFound
        }
    }

    func enforceForAPI(_ what: String) throws {
        switch self {
        case .allowed: return
        case .forbidden: throw APIError.forbidden
        case .notFound: throw APIError.notFound(what)
        }
    }
}

/// Turns every error into a clear answer: JSON for the API, a page in the user's language otherwise. What the
/// client could not have caused is logged and answered with a generic 500, never with internals.
struct AppErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let isAPI = request.url.path.hasPrefix("/api/")
            let (status, code, message, pageKey) = Self.describe(error)
            if StorageHealth.isStorageFull(error) {
                request.application.storageHealth.recordFull(at: request.now)
                request.application.metrics.storageFull()
            }
            if status.code >= 500 {
                request.logger.report(error: error)
            }
            if isAPI {
                let response = Response(status: status)
                try response.content.encode(
                    APIModels.ErrorBody(error: .init(code: code, message: message, current: (error as? APIError)?.current)), as: .json)
                if let seconds = (error as? APIError)?.retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: "\(seconds)") }
                if let allow = (error as? APIError)?.allow { response.headers.replaceOrAdd(name: .allow, value: allow) }
                if status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
                if status == .serviceUnavailable && !response.headers.contains(name: .retryAfter) {
                    response.headers.replaceOrAdd(name: .retryAfter, value: code == "storage_full" ? "60" : "5")
                }
                return response
            }
            let page = ErrorPage(status: status, messageKey: pageKey).response(for: request)
            if status == .serviceUnavailable { page.headers.replaceOrAdd(name: .retryAfter, value: code == "storage_full" ? "60" : "5") }
            if let allow = (error as? PageError)?.allow { page.headers.replaceOrAdd(name: .allow, value: allow) }
            return page
        }
    }

    static func describe(_ error: any Error) -> (HTTPResponseStatus, String, String, String) {
        switch error {
        case let error as APIError:
            return (error.status, error.code, error.message, "error.generic")
        case let error as PageError:
            return (error.status, error.status == .notFound ? "not_found" : "forbidden", error.messageKey, error.messageKey)
        case let error as any AbortError:
            let status = error.status
            let code: String = switch status {
            case .notFound: "not_found"
            case .unauthorized: "unauthorized"
            case .forbidden: "forbidden"
            case .payloadTooLarge: "payload_too_large"
            case .methodNotAllowed: "method_not_allowed"
            case .unsupportedMediaType: "unsupported_media_type"
            default: status.code < 500 ? "bad_request" : "internal_error"
            }
            // A refusal of what was sent is not our fault, and the page must not say it was.
            let pageKey = switch status {
            case .notFound: "error.not_found"
            case .forbidden: "error.forbidden"
            case .payloadTooLarge: "error.too_large"
            case .badRequest, .methodNotAllowed, .unsupportedMediaType, .unprocessableEntity: "error.bad_form"
            default: "error.generic"
            }
            return (status, code, status.code < 500 ? error.reason : "Something went wrong on our side.", pageKey)
        case is DecodingError:
            return (.badRequest, "invalid_body", "The request body could not be read.", "error.bad_form")
        case let error where StorageHealth.isStorageFull(error):
            // Nothing was written: the server's disk is full. Not the client's fault, and worth trying again later.
            return (.serviceUnavailable, "storage_full", "The server cannot save anything right now; nothing was changed. Try again later.",
                    "error.storage_full")
        case is ConnectionPoolTimeoutError:
            // Every database connection stayed busy: a moment of overload, not a fault in what was sent.
            return (.serviceUnavailable, "busy", "The server is busy; try again in a few seconds.", "error.busy")
        default:
            return (.internalServerError, "internal_error", "Something went wrong on our side.", "error.generic")
        }
    }
}
