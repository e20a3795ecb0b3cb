import Domain
import Foundation
import OpenAPIKit
import Vapor

/// An enumeration's stored values, for the document: the Domain type is the one list.
enum Values {
    static func of<T: CaseIterable & RawRepresentable>(_ type: T.Type) -> [AnyCodable] where T.RawValue == String {
        T.allCases.map { AnyCodable($0.rawValue) }
    }
}
