import Fluent
import Foundation
import Vapor

/// What a job needs from the world, handed in by the worker so that tests can pin the clock and the ids.
struct JobContext: Sendable {
    var db: any Database
    var now: Date
    let ids: @Sendable () -> UUID
    let mail: Mail?
    let catalogue: Catalogue
    let logger: Logger
    /// SQLite's write gate, shared with the requests this process serves.
    var gate: WriteGate?

    init(app: Application) {
        self.db = app.db
        self.now = app.environmentals.now()
        self.ids = app.environmentals.uuid
        self.mail = app.mail
        self.catalogue = app.catalogue
        self.logger = app.logger
        self.gate = app.writeGate
    }

    func at(_ moment: Date) -> JobContext {
        var copy = self
        copy.now = moment
        return copy
    }

    /// Inside a write transaction that has passed the gate already: what runs here must not queue at it again.
    func inside(_ transaction: any Database) -> JobContext {
        var copy = self
        copy.db = transaction
        copy.gate = nil
        return copy
    }

    func on(_ db: any Database) -> JobContext {
        var copy = self
        copy.db = db
        return copy
    }
}
