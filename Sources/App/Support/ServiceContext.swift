import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// What a service needs to act: where to read and write, the time, new ids, who acts, and the audit trail.
/// Pages and the API build it from a request; the worker and the command line can build it from their own
/// parts, so they call the same services.
struct ServiceContext: Sendable {
    let db: any Database
    let now: Date
    let ids: @Sendable () -> UUID
    let user: CurrentUser
    var gate: WriteGate? = nil
    var sendsEmail = false
    var emailDigestWindow = ChannelPreferences.digestWindow

    func newID() -> UUID { ids() }

    /// Runs `body` in one transaction: the action's rows, its audit entries and the jobs it schedules commit
    /// together or not at all.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (ServiceContext) async throws -> T) async throws -> T {
        let context = self
        return try await db.writeTransaction(gate: gate) { db in
            try await body(ServiceContext(db: db, now: context.now, ids: context.ids, user: context.user, sendsEmail: context.sendsEmail,
                                          emailDigestWindow: context.emailDigestWindow))
        }
    }

    /// Writes an audit entry through this context's database, so inside a transaction it commits with the action.
    func audit(_ action: AuditLog.Action, _ objectType: String, id: UUID?, subject: UUID?) async throws {
        try await AuditEntry(
            id: ids(), organizationID: user.organizationID, actorPersonID: user.personID, action: action.rawValue,
            objectType: objectType, objectID: id, subjectPersonID: subject, at: now
        ).create(on: db)
    }

    /// Several reads of one page in one statement, however many objects the page shows.
    func audit(reads: [(objectType: String, id: UUID?, subject: UUID?)]) async throws {
        guard !reads.isEmpty else { return }
        var insert = try db.sql().insert(into: AuditEntry.schema)
            .columns("id", "organization_id", "actor_person_id", "action", "object_type", "object_id", "subject_person_id", "at")
        for read in reads {
            insert = insert.values(SQLBind(ids()), SQLBind(user.organizationID), SQLBind(user.personID), SQLBind(AuditLog.Action.read.rawValue),
                                   SQLBind(read.objectType), SQLBind(read.id), SQLBind(read.subject), SQLBind(now))
        }
        try await insert.run()
    }
}

extension Request {
    /// The service context of the signed-in user; a request without one cannot reach a service.
    func context() throws -> ServiceContext {
        let environmentals = application.environmentals
        return ServiceContext(db: db, now: now, ids: environmentals.uuid, user: try requireUser(), gate: application.writeGate,
                              sendsEmail: application.mail != nil, emailDigestWindow: application.mail?.digestWindow ?? ChannelPreferences.digestWindow)
    }
}

/// SQLite has one writer, and a connection waiting for the write lock holds one of the app's SQLite threads
/// while it waits (sleeping, for at most `busy_timeout`; see `prepareDatabase`). On SQLite, write transactions
/// in this process therefore take turns here, waiting without holding a thread, and the lock waits left are
/// the ones with other processes (the worker, a second instance). PostgreSQL needs no gate.
actor WriteGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }

    func around<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await enter()
        do {
            let result = try await body()
            leave()
            return result
        } catch {
            leave()
            throw error
        }
    }
}

extension Database {
    /// A transaction that writes: on SQLite it first waits its turn at the gate (see `WriteGate`).
    func writeTransaction<T: Sendable>(gate: WriteGate?, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let gate else { return try await transaction(body) }
        return try await gate.around {
            try await transaction { db in
                // SQLite's BEGIN defers the write lock to the first write. A transaction that reads first then
                // fails that write at once (SQLITE_BUSY_SNAPSHOT, no waiting helps) when another process — the
                // worker, a second instance — wrote in between. A write that changes nothing takes the lock up
                // front, as BEGIN IMMEDIATE would; Fluent's transactions cannot say IMMEDIATE.
                try await db.sql().raw("UPDATE organizations SET id = id WHERE 0 = 1").run()
                return try await body(db)
            }
        }
    }
}

extension Application {
    private struct WriteGateKey: StorageKey {
        typealias Value = WriteGate
    }

    /// Nil on PostgreSQL; set once in `configure` for SQLite.
    var writeGate: WriteGate? {
        get { storage[WriteGateKey.self] }
        set { storage[WriteGateKey.self] = newValue }
    }
}
