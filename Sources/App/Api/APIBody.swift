import Foundation
import OpenAPIKit
import Vapor

/// Reads a JSON body and turns every way it can be wrong into a 4xx that names the field.
enum APIBody {
    static let maxBytes = 64 * 1024

    /// Decodes the body of `route`, refusing any field its OpenAPI document does not name: a misspelt or extra
    /// field is the client's mistake, not something to ignore (and a contact log must never carry what was said).
    static func decode<T: Decodable>(_ type: T.Type, from req: Request, route: APIRoute) throws -> T {
        // Media types are case-insensitive (RFC 9110): APPLICATION/JSON is JSON.
        guard let type = req.headers.contentType, type.type.lowercased() == "application",
              type.subType.lowercased() == "json" || type.subType.lowercased().hasSuffix("+json") else {
            throw APIError(.unsupportedMediaType, "unsupported_media_type", "Send the body as application/json.")
        }
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw APIError(.badRequest, "malformed_json", "The request body must be a JSON object.")
        }
        // The server refuses larger bodies before they are read; this also covers bodies handed over whole.
        guard buffer.readableBytes <= maxBytes else {
            throw APIError(.payloadTooLarge, "payload_too_large", "The request body may be at most \(maxBytes / 1024) KB.")
        }
        // JSON text is UTF-8 (RFC 8259); other encodings and raw NUL bytes are refused, not guessed at.
        let bytes = Data(buffer: buffer)
        guard String(data: bytes, encoding: .utf8) != nil, !bytes.contains(0), bytes.first != 0xEF else {
            throw APIError(.badRequest, "malformed_json", "The request body must be JSON in UTF-8.")
        }
        // Parsed once, for the checks against the route's schema; the decoder below reads the bytes itself.
        let schema = OpenAPIDocument.requestBodies[route]
        let value = schema == nil ? nil : try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])
        if let schema, let value, let unknown = unknownField(in: value, schema: schema, at: "") {
            throw APIError(.badRequest, "unknown_field", "\(unknown) is not a field of this request.")
        }
        if let schema, let value, let (path, context) = firstFound(in: value, schema: schema, at: "", outOfRange) {
            throw APIError(.unprocessableEntity, "invalid_value",
                           "\(path) must be from \(context.minimum?.value ?? Int.min) to \(context.maximum?.value ?? Int.max).")
        }
        if let twice = DuplicateKeys.first(in: bytes) {
            throw APIError(.badRequest, "duplicate_field", "\(twice) is named twice in one object; send each field once.")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = ISO8601.parse(text) else {
                throw DecodingError.dataCorruptedError(in: try decoder.singleValueContainer(), debugDescription: "not an ISO 8601 date and time")
            }
            return date
        }
        do {
            return try decoder.decode(T.self, from: bytes)
        } catch let error as DecodingError {
            // The decoder reports a fraction or an overflowing number where a whole number belongs as unreadable JSON,
            // without saying where; the schema says where a whole number belongs.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty, let schema, let value,
               let path = firstFound(in: value, schema: schema, at: "", notWholeNumber) {
                throw APIError(.unprocessableEntity, "invalid_type", "\(path) must be a whole number.")
            }
            throw describe(error)
        }
    }

    /// The first place in the body, as a client writes its path (`answers.wellbeing`, `items[2]`), where `check`
    /// finds something, walking the body beside its schema.
    private static func firstFound<Found>(in value: Any, schema: JSONSchema, at path: String,
                                          _ check: (Any, JSONSchema, String) -> Found?) -> Found? {
        if let found = check(value, schema, path) { return found }
        if let object = value as? [String: Any], let context = schema.objectContext {
            for key in object.keys.sorted() {
                let here = path.isEmpty ? key : "\(path).\(key)"
                let inner: JSONSchema? = if case .b(let values) = context.additionalProperties { values } else { context.properties[key] }
                if let inner, let found = firstFound(in: object[key] as Any, schema: inner, at: here, check) { return found }
            }
        }
        if let array = value as? [Any], let items = schema.arrayContext?.items {
            for (index, element) in array.enumerated() {
                if let found = firstFound(in: element, schema: items, at: "\(path)[\(index)]", check) { return found }
            }
        }
        return nil
    }

    /// Where the schema asks for a whole number and the body has a fraction or a number too large to hold.
    private static func notWholeNumber(_ value: Any, _ schema: JSONSchema, _ path: String) -> String? {
        guard schema.jsonType == .integer, let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        return double.rounded() == double && abs(double) < 9.0e18 ? nil : path
    }

    /// A whole number outside the range its schema gives (a version of -1 once got 409, as if it were merely out
    /// of date).
    private static func outOfRange(_ value: Any, _ schema: JSONSchema, _ path: String) -> (String, JSONSchema.IntegerContext)? {
        guard let context = schema.integerContext, let number = value as? NSNumber, !(value is Bool) else { return nil }
        let double = number.doubleValue
        if let minimum = context.minimum, double < Double(minimum.value) || (minimum.exclusive && double == Double(minimum.value)) { return (path, context) }
        if let maximum = context.maximum, double > Double(maximum.value) || (maximum.exclusive && double == Double(maximum.value)) { return (path, context) }
        return nil
    }

    /// A body the route may leave out: `empty` when there is none, otherwise decoded as `decode` does.
    static func decodeIfSent<T: Decodable>(_ type: T.Type, from req: Request, route: APIRoute, empty: T) throws -> T {
        guard req.body.data.map({ $0.readableBytes > 0 }) == true else { return empty }
        return try decode(type, from: req, route: route)
    }

    /// The first field, as a client writes its path (`checklist.extra`), that `schema` does not name.
    private static func unknownField(in value: Any, schema: JSONSchema, at path: String) -> String? {
        if let object = value as? [String: Any], let context = schema.objectContext, !context.isMap {
            let properties = context.properties
            for key in object.keys.sorted() {
                let here = path.isEmpty ? key : "\(path).\(key)"
                guard let property = properties[key] else { return here.isEmpty ? "An empty field name" : here }
                if let inner = unknownField(in: object[key] as Any, schema: property, at: here) { return inner }
            }
        }
        if let array = value as? [Any], let items = schema.arrayContext?.items {
            for (index, element) in array.enumerated() {
                if let inner = unknownField(in: element, schema: items, at: "\(path)[\(index)]") { return inner }
            }
        }
        return nil
    }

    static func describe(_ error: DecodingError) -> APIError {
        /// Where in the body, as a client writes it: `checklist.relievedPersonIds[0]`, or "The body" for the whole.
        func path(_ keys: [any CodingKey]) -> String {
            let written = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
            return written.isEmpty ? "The body" : written
        }
        switch error {
        case .keyNotFound(let key, let context):
            return APIError(.unprocessableEntity, "missing_field", "\(path(context.codingPath + [key])) is required.")
        case .valueNotFound(_, let context):
            return APIError(.unprocessableEntity, "missing_field", "\(path(context.codingPath)) may not be null.")
        case .typeMismatch(let type, let context):
            return APIError(.unprocessableEntity, "invalid_type", "\(path(context.codingPath)) must be \(jsonName(of: type)).")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return APIError(.badRequest, "malformed_json", "The request body is not valid JSON.")
        case .dataCorrupted(let context):
            return APIError(.unprocessableEntity, "invalid_value", "\(path(context.codingPath)): \(context.debugDescription)")
        @unknown default:
            return APIError(.badRequest, "malformed_json", "The request body could not be read.")
        }
    }

    /// What a Swift type is called in JSON, so no error message shows the server's own type names.
    static func jsonName(of type: Any.Type) -> String {
        switch type {
        case is String.Type, is UUID.Type, is Date.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Double.Type: "a number"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}

extension Request {
    /// An id in the path; one that is not a UUID is the client's mistake, answered 400.
    func apiID(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else {
            throw APIError(.badRequest, "invalid_id", "\(name) must be a UUID.")
        }
        return id
    }
}

extension JSONSchema.ObjectContext {
    /// An object whose keys are data (item keys), not fields: `additionalProperties` gives its values' schema.
    var isMap: Bool {
        if case .b = additionalProperties { return true }
        return false
    }
}
