import Domain
import Fluent
import SQLKit
import Vapor

enum Paging {
    /// A page number from the query; clamped so that no value a client sends can overflow the offset.
    static func page(_ requested: Int?) -> Int { min(max(1, requested ?? 1), 100_000) }
}
