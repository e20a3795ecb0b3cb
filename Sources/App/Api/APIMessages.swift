import Domain
import Fluent
import SQLKit
import Vapor

/// English texts for the API's validation codes; pages use the catalogue instead.
enum APIMessages {
    static func problem(_ code: String) -> String {
        switch code {
        case "missing": "is required"
        case "unknown_value": "is not one of the allowed values"
        case "in_future": "may not lie in the future"
        case "too_long": "is too long"
        case "unknown_id": "names nothing known"
        case "out_of_scope": "is outside your units"
        case "not_involved": "must be among the involved people"
        default: "is not valid"
        }
    }
}
