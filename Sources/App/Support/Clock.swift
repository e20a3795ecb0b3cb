import Foundation
import Vapor

/// The time and the ids the application uses, injected so tests can pin them.
public struct Environmentals: Sendable {
    public var now: @Sendable () -> Date
    public var uuid: @Sendable () -> UUID

    public init(now: @escaping @Sendable () -> Date, uuid: @escaping @Sendable () -> UUID) {
        self.now = now
        self.uuid = uuid
    }

    public static let live = Environmentals(now: { Date() }, uuid: { UUID() })
}

extension Application {
    private struct EnvironmentalsKey: StorageKey {
        typealias Value = Environmentals
    }

    public var environmentals: Environmentals {
        get { storage[EnvironmentalsKey.self] ?? .live }
        set { storage[EnvironmentalsKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.environmentals.now() }
    func newID() -> UUID { application.environmentals.uuid() }
}
