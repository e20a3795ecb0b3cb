import Domain
import Fluent
import Foundation
import SQLKit

/// Professional help: the services an organization offers, and referrals to them made with the person's
/// consent. Occupational health reads the referrals made to it and the check-ins the person chose to share in
/// each; nobody reads more.
enum Referrals {
    struct Service: Sendable, Equatable {
        let id: UUID
        let kind: ServiceKind
        let name: String
        let contact: String
    }

    struct Made: Sendable, Equatable {
        let id: UUID
        let caseID: UUID
        let serviceID: UUID
        let madeAt: Date
        /// When the service noted that it got in touch; nil while it has not.
        let contactedAt: Date?
    }

    enum Failure: Error, Equatable {
        case notFound
        case forbidden
        /// The leader did not confirm that the person agrees.
        case needsAgreement
        case unknownService
        /// Check-ins can only be shared by the person, and only the pathway's own answered ones.
        case unknownCheckIn(UUID)
        case onlyPersonShares
        case alreadyReferred
        /// Someone noted the contact already: the fresh list says who and when.
        case alreadyContacted
        case invalid([ServiceRules.Problem])
    }

    /// The organization's services, or only the one with `id`.
    static func services(organizationID: UUID, id: UUID? = nil, on db: any Database) async throws -> [Service] {
        let only: SQLQueryString = id.map { "AND id = \(bind: $0)" } ?? ""
        return try await db.sql().raw("""
            SELECT id, kind, name, contact FROM services WHERE organization_id = \(bind: organizationID) \(only) ORDER BY name
            """).all().compactMap { row in
            guard let kind = ServiceKind(rawValue: try row.decode(column: "kind", as: String.self)) else { return nil }
            return Service(id: try row.decode(column: "id", as: UUID.self), kind: kind, name: try row.decode(column: "name", as: String.self),
                           contact: try row.decode(column: "contact", as: String.self))
        }
    }

    static func addService(kind: ServiceKind, name: String, contact: String, claim: Idempotency.Claim?, in context: ServiceContext) async throws {
        guard ReferralAccess.mayConfigureServices(context.user.actor) else { throw Failure.forbidden }
        let problems = ServiceRules.check(name: name, contact: contact)
        guard problems.isEmpty else { throw Failure.invalid(problems) }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try await Idempotency.once(claim, in: context) { tx in
            // The same service listed twice would ask the person to choose between two identical entries; two
            // coordinators adding it at once are put one after the other.
            try await tx.db.lockOrganization(tx.user.organizationID)
            let listed = try await tx.db.sql().raw("""
                SELECT id FROM services WHERE organization_id = \(bind: tx.user.organizationID) AND kind = \(bind: kind.rawValue)
                  AND LOWER(name) = LOWER(\(bind: trimmed))
                """).first()
            guard listed == nil else { throw Failure.invalid([.alreadyListed]) }
            let id = tx.newID()
            try await tx.db.sql().raw("""
                INSERT INTO services (id, organization_id, kind, name, contact, created_at)
                VALUES (\(bind: id), \(bind: tx.user.organizationID), \(bind: kind.rawValue), \(bind: name.trimmingCharacters(in: .whitespacesAndNewlines)),
                  \(bind: contact.trimmingCharacters(in: .whitespacesAndNewlines)), \(bind: tx.now))
                """).run()
            try await tx.audit(.create, "service", id: id, subject: nil)
            return (id, Idempotency.Answer(status: 303, location: nil, body: nil))
        }
    }

    /// The referrals made on the person's pathways, for the person's own page.
    static func made(caseIDs: [UUID], organizationID: UUID, on db: any Database) async throws -> [Made] {
        guard !caseIDs.isEmpty else { return [] }
        return try await db.sql().raw("""
            SELECT id, case_id, service_id, made_at, contacted_at FROM referrals
            WHERE organization_id = \(bind: organizationID) AND case_id IN (\(binds: caseIDs))
            ORDER BY made_at
            """).all().map { row in
            Made(id: try row.decode(column: "id", as: UUID.self), caseID: try row.decode(column: "case_id", as: UUID.self),
                 serviceID: try row.decode(column: "service_id", as: UUID.self), madeAt: try row.decode(column: "made_at", as: Date.self),
                 contactedAt: try row.decode(column: "contacted_at", as: Date?.self))
        }
    }

    /// Makes a referral: by the person, or by their leader who confirms the person agrees. Only the person can
    /// share check-ins, and only their own answered ones. One transaction with its audit entry and the message
    /// that tells occupational health a referral is waiting (without saying whose).
    static func make(caseID: UUID, serviceID: UUID, share: [UUID], personAgrees: Bool, reach: Reach? = nil, claim: Idempotency.Claim?,
                     answer: @escaping @Sendable (UUID) -> Idempotency.Answer, in context: ServiceContext) async throws -> Idempotency.Outcome<UUID> {
        let loaded: CaseService.Loaded
        do {
            loaded = try await CaseService.load(caseID: caseID, in: context)
        } catch {
            throw Failure.notFound
        }
        switch ReferralAccess.mayRefer(context.user.actor, loaded.subject, personAgrees: personAgrees) {
        case .allowed: break
        case .notFound: throw Failure.notFound
        case .forbidden:
            throw AccessPolicy.decide(context.user.actor, .manageSteps, loaded.subject) == .allowed ? Failure.needsAgreement : Failure.notFound
        }
        if let earlier: Idempotency.Outcome<UUID> = try await Idempotency.earlier(claim, in: context) { return earlier }
        let org = context.user.organizationID
        guard let service = try await services(organizationID: org, id: serviceID, on: context.db).first else {
            throw Failure.unknownService
        }
        let shared = Array(Set(share))
        if !shared.isEmpty {
            guard context.user.personID == loaded.record.personID else { throw Failure.onlyPersonShares }
            let own = Set(try await context.db.sql().raw("""
                SELECT id FROM check_ins WHERE organization_id = \(bind: org) AND person_id = \(bind: context.user.personID)
                  AND case_id = \(bind: caseID) AND status = \(bind: CheckInStatus.answered.rawValue) AND id IN (\(binds: shared))
                """).all().map { try $0.decode(column: "id", as: UUID.self) })
            if let unknown = shared.sorted(by: { $0.uuidString < $1.uuidString }).first(where: { !own.contains($0) }) { throw Failure.unknownCheckIn(unknown) }
        }
        let exists = try await context.db.sql().raw("""
            SELECT id FROM referrals WHERE organization_id = \(bind: org) AND case_id = \(bind: caseID) AND service_id = \(bind: serviceID)
            """).first()
        guard exists == nil else { throw Failure.alreadyReferred }
        do {
            return try await Idempotency.once(claim, in: context) { tx in
                // How to reach the person is theirs to give: a leader's referral carries none.
                let id = try await insert(caseID: caseID, personID: loaded.record.personID, service: service, shared: shared,
                                          reach: context.user.personID == loaded.record.personID ? reach : nil, in: tx)
                return (id, answer(id))
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Failure.alreadyReferred
        }
    }

    static let receivedKind = "referral_received"

    /// Writes a referral with the check-ins shared in it, clears the pathway's attention mark and tells
    /// occupational health that one waits (never whose), in the caller's transaction.
    static func insert(caseID: UUID, personID: UUID, service: Service, shared: [UUID], reach: Reach? = nil, in tx: ServiceContext) async throws -> UUID {
        let org = tx.user.organizationID
        let id = tx.newID()
        try await tx.db.sql().raw("""
            INSERT INTO referrals (id, organization_id, case_id, person_id, service_id, made_by, made_at, reach_by, reach_at)
            VALUES (\(bind: id), \(bind: org), \(bind: caseID), \(bind: personID), \(bind: service.id), \(bind: tx.user.personID), \(bind: tx.now),
                    \(bind: reach?.by.rawValue), \(bind: reach?.at))
            """).run()
        if !shared.isEmpty {
            var insert = try tx.db.sql().insert(into: ReferralSchema.sharedCheckIns).columns("id", "organization_id", "referral_id", "check_in_id")
            for checkIn in shared { insert = insert.values(SQLBind(tx.newID()), SQLBind(org), SQLBind(id), SQLBind(checkIn)) }
            try await insert.run()
        }
        try await tx.audit(.create, "referral", id: id, subject: personID)
        // A referral is someone acting on the check-ins' warning: the mark has done its work.
        try await tx.db.sql().raw("""
            UPDATE cases SET attention_at = NULL WHERE organization_id = \(bind: org) AND id = \(bind: caseID)
            """).run()
        if service.kind == .occupationalHealth {
            let receivers = try await tx.db.sql().raw("""
                SELECT DISTINCT a.person_id FROM account_roles r JOIN accounts a ON a.id = r.account_id AND a.organization_id = r.organization_id
                WHERE r.organization_id = \(bind: org) AND r.role = \(bind: Role.occupationalHealth.rawValue)
                """).all().map { try $0.decode(column: "person_id", as: UUID.self) }
            try await Messages.store(receivers.map {
                .init(kind: receivedKind, urgency: .normal, recipient: $0, organizationID: org, link: SiteRoute.referrals.path,
                      key: "referral:\(id):\($0)")
            }, context: tx)
        }
        return id
    }

    /// A referral as occupational health reads it: who, from which pathway's date, when, and the check-ins the
    /// person shared with their answers.
    struct Received: Sendable {
        let id: UUID
        let personID: UUID
        let personName: String
        let serviceName: String
        let madeAt: Date
        let byPerson: Bool
        /// How the person would like the service to reach them, when they said.
        let reach: Reach?
        /// When the service noted that it got in touch, and who did.
        let contacted: (at: Date, by: String)?
        let shared: [(checkIn: CheckInRecord, answers: [String: Int])]
    }

    static let pageSize = 25

    /// What occupational health may read, in three queries whatever the number of referrals, each read audited:
    /// one page of them, newest first, and whether there is a page after it.
    static func received(page: Int, in context: ServiceContext) async throws -> (referrals: [Received], hasMore: Bool) {
        guard ReferralAccess.mayReceive(context.user.actor, service: .occupationalHealth) else { throw Failure.forbidden }
        let org = context.user.organizationID
        let fetched = try await context.db.sql().raw("""
            SELECT r.id, r.person_id, r.made_by, r.made_at, r.reach_by, r.reach_at, r.contacted_at, c.name AS contacted_by_name,
              p.name AS person_name, s.name AS service_name
            FROM referrals r JOIN services s ON s.id = r.service_id AND s.organization_id = r.organization_id
            JOIN people p ON p.id = r.person_id AND p.organization_id = r.organization_id
            LEFT JOIN people c ON c.id = r.contacted_by AND c.organization_id = r.organization_id
            WHERE r.organization_id = \(bind: org) AND s.kind = \(bind: ServiceKind.occupationalHealth.rawValue)
            ORDER BY CASE WHEN r.contacted_at IS NULL THEN 0 ELSE 1 END, r.made_at DESC, r.id
            LIMIT \(bind: pageSize + 1) OFFSET \(bind: (page - 1) * pageSize)
            """).all()
        let hasMore = fetched.count > pageSize
        let rows = Array(fetched.prefix(pageSize))
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        var sharedByReferral: [UUID: [CheckInRecord]] = [:]
        if !ids.isEmpty {
            for row in try await context.db.sql().raw("""
                SELECT rc.referral_id, \(unsafeRaw: CheckInRecord.columns) FROM referral_check_ins rc
                JOIN check_ins ci ON ci.id = rc.check_in_id AND ci.organization_id = rc.organization_id
                WHERE rc.organization_id = \(bind: org) AND rc.referral_id IN (\(binds: ids)) ORDER BY ci.due_at
                """).all() {
                sharedByReferral[try row.decode(column: "referral_id", as: UUID.self), default: []].append(try CheckInRecord(row: row))
            }
        }
        let answers = try await CheckInAnswers.answers(of: sharedByReferral.values.flatMap { $0.map(\.id) }, organizationID: org, on: context.db)
        let received = try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            let person = try row.decode(column: "person_id", as: UUID.self)
            return Received(id: id, personID: person, personName: try row.decode(column: "person_name", as: String.self),
                            serviceName: try row.decode(column: "service_name", as: String.self), madeAt: try row.decode(column: "made_at", as: Date.self),
                            byPerson: try row.decode(column: "made_by", as: UUID.self) == person,
                            reach: try row.decode(column: "reach_by", as: String?.self).flatMap(ReachBy.init(rawValue:)).flatMap { by in
                                try row.decode(column: "reach_at", as: String?.self).map { Reach(by: by, at: $0) }
                            },
                            contacted: try row.decode(column: "contacted_at", as: Date?.self).map {
                                ($0, try row.decode(column: "contacted_by_name", as: String?.self) ?? "")
                            },
                            shared: (sharedByReferral[id] ?? []).map { ($0, answers[$0.id] ?? [:]) })
        }
        try await context.audit(reads: received.map { ("referral", $0.id, $0.personID) }
            + received.flatMap { referral in referral.shared.map { ("check_in_answers", $0.checkIn.id, referral.personID) } })
        return (received, hasMore)
    }

    /// Occupational health notes that it got in touch about a referral made to it. Once: a second note, from
    /// another tab or a colleague, finds it noted and changes nothing.
    static func markContacted(_ id: UUID, in context: ServiceContext) async throws {
        guard ReferralAccess.mayReceive(context.user.actor, service: .occupationalHealth) else { throw Failure.forbidden }
        let org = context.user.organizationID
        guard let row = try await context.db.sql().raw("""
            SELECT r.person_id, r.contacted_at FROM referrals r JOIN services s ON s.id = r.service_id AND s.organization_id = r.organization_id
            WHERE r.organization_id = \(bind: org) AND r.id = \(bind: id) AND s.kind = \(bind: ServiceKind.occupationalHealth.rawValue)
            """).first() else { throw Failure.notFound }
        let person = try row.decode(column: "person_id", as: UUID.self)
        try await context.transaction { tx in
            let updated = try await tx.db.sql().raw("""
                UPDATE referrals SET contacted_at = \(bind: tx.now), contacted_by = \(bind: tx.user.personID)
                WHERE organization_id = \(bind: org) AND id = \(bind: id) AND contacted_at IS NULL
                RETURNING id
                """).all()
            guard !updated.isEmpty else { throw Failure.alreadyContacted }
            try await tx.audit(.update, "referral", id: id, subject: person)
        }
    }
}
