import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Fills an empty database with a realistic organization of any size, for benchmarks: a unit tree of
/// divisions, departments and wards, people in realistic shares of professions, leaders at every level, peer
/// supporters, three years of events and cases in every stage with their steps, reminders, messages and audit
/// entries. The same seed gives the same organization. Rows go in as multi-row inserts, never one save each.
public enum RegionGenerator {
    public struct Summary: Sendable {
        public let people: Int
        public let units: Int
        public let events: Int
        public let cases: Int
        public let steps: Int
    }

    /// Everyone's password, as in the demo; usernames are `person1` … `personN`, the leaders `leader1` … .
    public static let password = DemoSeeder.password

    public static func generate(_ app: Application, people: Int, casesPerPerson: Double = 5, seed: UInt64,
                                progress: @Sendable (String) -> Void = { _ in }) async throws -> Summary {
        let db = app.db
        guard try await Organization.query(on: db).count() == 0 else { throw Abort(.conflict, reason: "The database is not empty.") }
        var random = SeededRandom(seed: seed)
        let now = app.environmentals.now()
        let hash = try app.password.hash(password)
        let zone = TimeZone.defaultForOrganizations
        let sql = try db.sql()
        var writer = BatchWriter(sql: sql)

        let org = random.uuid()
        try await writer.add(Organization.schema, ["id", "organization_id", "name", "time_zone", "default_language", "created_at"],
                             [org, org, "Helseregion \(seed)", zone.identifier, AppLanguage.nb.rawValue, now.addingTimeInterval(-4 * 365 * 86_400)])

        // The tree: about 25 people to a ward, six departments to a division.
        let wardCount = max(1, people / 25)
        let divisionCount = max(1, wardCount / 40)
        let departmentCount = max(1, min(wardCount, divisionCount * 6))
        var divisions: [UUID] = []
        var departments: [(id: UUID, division: UUID)] = []
        var wards: [(id: UUID, department: UUID, division: UUID)] = []
        for index in 0..<divisionCount {
            let id = random.uuid()
            divisions.append(id)
            try await writer.add(Unit.schema, ["id", "organization_id", "parent_id", "name"], [id, org, nil as UUID?, "Divisjon \(index + 1)"])
        }
        for index in 0..<departmentCount {
            let id = random.uuid()
            let division = divisions[index % divisions.count]
            departments.append((id, division))
            try await writer.add(Unit.schema, ["id", "organization_id", "parent_id", "name"], [id, org, division, "Avdeling \(index + 1)"])
        }
        for index in 0..<wardCount {
            let id = random.uuid()
            let department = departments[index % departments.count]
            wards.append((id, department.id, department.division))
            try await writer.add(Unit.schema, ["id", "organization_id", "parent_id", "name"], [id, org, department.id, "Post \(index + 1)"])
        }
        try await writer.flush()
        progress("\(divisions.count + departments.count + wards.count) units")

        // People, each in one ward, with an account; the first of each ward leads it, the first of a
        // department's first ward leads the department, and so on up.
        let professions: [(Profession, Int)] = [(.nurse, 38), (.careWorker, 22), (.physician, 14), (.midwife, 3), (.radiographer, 3),
                                                (.psychologist, 2), (.porter, 4), (.student, 6), (.other, 8)]
        var wardPeople: [[UUID]] = Array(repeating: [], count: wards.count)
        var leaderOfWard: [UUID] = []
        let firstNames = ["Ingrid", "Jonas", "Sara", "Ola", "Kari", "Emil", "Nora", "Lars", "Maja", "Henrik", "Aisha", "Thomas", "Linn", "Ali",
                          "Marte", "Per", "Ida", "Sindre", "Hanne", "Omar"]
        let lastNames = ["Solheim", "Berg", "Nilsen", "Hansen", "Johansen", "Larsen", "Andersen", "Pedersen", "Dahl", "Lie", "Moen", "Haugen",
                         "Ahmed", "Bakken", "Strand", "Lund"]
        for index in 0..<people {
            let ward = index % wards.count
            let person = random.uuid()
            let account = random.uuid()
            wardPeople[ward].append(person)
            let profession = random.weighted(professions)
            try await writer.add(Person.schema, ["id", "organization_id", "name", "profession", "preferred_language"],
                                 [person, org, "\(random.pick(firstNames)) \(random.pick(lastNames))", profession.rawValue, nil as String?])
            try await writer.add(PersonUnit.schema, ["id", "organization_id", "person_id", "unit_id"], [random.uuid(), org, person, wards[ward].id])
            let isWardLeader = index < wards.count
            let isDepartmentLeader = index >= wards.count && index < wards.count + departments.count
            let isDivisionLeader = index >= wards.count + departments.count && index < wards.count + departments.count + divisions.count
            let username = isWardLeader ? "leader\(index + 1)" : "person\(index + 1)"
            try await writer.add(Account.schema, ["id", "organization_id", "person_id", "username", "password_hash"], [account, org, person, username, hash])
            var roles: [Role] = []
            var leads: [UUID] = []
            if isWardLeader {
                roles.append(.leader)
                leads.append(wards[ward].id)
                leaderOfWard.append(person)
            } else if isDepartmentLeader {
                roles.append(.leader)
                leads.append(departments[index - wards.count].id)
            } else if isDivisionLeader {
                roles.append(.leader)
                leads.append(divisions[index - wards.count - departments.count])
            } else if random.chance(0.03) {
                roles.append(.peerSupporter)
            }
            if index == people - 1 { roles.append(.admin) }
            if index == people - 2 { roles.append(.coordinator) }
            for role in roles {
                try await writer.add(AccountRole.schema, ["id", "organization_id", "account_id", "role"], [random.uuid(), org, account, role.rawValue])
            }
            for unit in leads {
                try await writer.add(LeaderScope.schema, ["id", "organization_id", "account_id", "unit_id"], [random.uuid(), org, account, unit])
            }
        }
        try await writer.flush()
        progress("\(people) people with accounts")

        // Three years of events, a few people each; the older a case, the further along its pathway.
        let targetCases = Int(Double(people) * casesPerPerson)
        var cases = 0
        var events = 0
        var steps = 0
        let kinds: [(EventKind, Int)] = [(.adverseEventHarm, 20), (.adverseEventNoHarm, 25), (.nearMiss, 25), (.violenceThreat, 10),
                                         (.unexpectedDeath, 5), (.occupationalAccident, 5), (.otherDistressing, 10)]
        let severities: [(Severity, Int)] = [(.minor, 40), (.moderate, 35), (.serious, 20), (.critical, 5)]
        while cases < targetCases {
            let ward = random.int(wards.count)
            let members = wardPeople[ward]
            guard !members.isEmpty else { continue }
            let eventID = random.uuid()
            let occurredAt = now.addingTimeInterval(-Double(random.int(3 * 365 * 86_400)) - 3600)
            let kind = random.weighted(kinds)
            let severity = random.weighted(severities)
            let leader = leaderOfWard[ward]
            try await writer.add(Event.schema, ["id", "organization_id", "unit_id", "kind", "severity", "occurred_at", "summary",
                                                "incident_report_ref", "registered_by", "created_at"],
                                 [eventID, org, wards[ward].id, kind.rawValue, severity.rawValue, occurredAt, "Generert hendelse.",
                                  "AVV-\(events + 1)", leader, occurredAt.addingTimeInterval(1800)])
            try await writer.add(ImmediateChecklist.schema, ["id", "organization_id", "event_id", "patient_safe", "staff_safe", "premises_safe",
                                                             "everyone_informed"], [random.uuid(), org, eventID, true, true, true, random.chance(0.8)])
            events += 1
            let involvedCount = min(members.count, 1 + random.int(4))
            var involved: Set<UUID> = []
            while involved.count < involvedCount { involved.insert(members[random.int(members.count)]) }
            let age = now.timeIntervalSince(occurredAt)
            let planned = PathwayPlanner.steps(eventAt: occurredAt, severity: severity, defusingRecommended: severity >= .serious, timeZone: zone)
            for person in involved.sorted(by: { $0.uuidString < $1.uuidString }) {
                let caseID = random.uuid()
                let closed = age > 200 * 86_400 && random.chance(0.9)
                try await writer.add(Case.schema, ["id", "organization_id", "person_id", "event_id", "owner_id", "status", "opened_at", "closed_at",
                                                   "prefers_outside_unit", "version", "shared_with_leader"],
                                     [caseID, org, person, eventID, leader, closed ? CaseStatus.closed.rawValue : CaseStatus.open.rawValue,
                                      occurredAt.addingTimeInterval(1800), closed ? occurredAt.addingTimeInterval(190 * 86_400) : nil as Date?,
                                      false, 0, true])
                try await writer.add(AuditEntry.schema, ["id", "organization_id", "actor_person_id", "action", "object_type", "object_id",
                                                         "subject_person_id", "at"],
                                     [random.uuid(), org, leader, AuditLog.Action.create.rawValue, "case", caseID, person, occurredAt.addingTimeInterval(1800)])
                for (position, step) in planned.enumerated() {
                    let status = progressed(step, now: now, closed: closed, random: &random)
                    let doneAt = status == .done ? min(now, (step.dueAt ?? occurredAt).addingTimeInterval(-3600)) : nil
                    let stepID = random.uuid()
                    try await writer.add(StepRecord.schema, ["id", "organization_id", "case_id", "key", "phase", "position", "status", "due_at",
                                                             "done_at", "done_by", "recommended", "updated_at", "version"],
                                         [stepID, org, caseID, step.key.rawValue, step.phase.rawValue, position, status.rawValue, step.dueAt,
                                          doneAt, status == .done ? leader : nil as UUID?, step.recommended, doneAt ?? occurredAt, 0])
                    steps += 1
                    // Open steps due later have their reminder waiting in the queue, as in real use.
                    if !closed, status.isOpen, let due = step.dueAt, due > now {
                        let payload = String(decoding: try JSONEncoder().encode(Reminders.StepPayload(stepId: stepID)), as: UTF8.self)
                        try await writer.add(Job.schema, ["id", "organization_id", "kind", "payload", "status", "due_at", "attempts", "created_at"],
                                             [random.uuid(), org, JobKind.stepReminder.rawValue, payload, Job.Status.queued.rawValue,
                                              due.addingTimeInterval(-2 * 3600), 0, occurredAt])
                    }
                }
                cases += 1
            }
            if random.chance(0.3) {
                try await writer.add(Message.schema, ["id", "organization_id", "recipient_person_id", "kind", "link_path", "idempotency_key",
                                                      "created_at", "read_at", "urgency"],
                                     [random.uuid(), org, leader, "\(Messages.stepDuePrefix)\(StepKey.defusing.rawValue)",
                                      SiteRoute.event(eventID).path, "generated:\(eventID)", occurredAt.addingTimeInterval(3600),
                                      age > 7 * 86_400 ? occurredAt.addingTimeInterval(7200) : nil as Date?, Urgency.normal.rawValue])
            }
            if events % 20_000 == 0 { progress("\(events) events, \(cases) cases") }
        }
        try await writer.flush()
        // The planner needs the tables' statistics to start a leader's task list from their cases rather than
        // from every step of the organization.
        try await sql.raw("ANALYZE").run()
        progress("\(events) events, \(cases) cases, \(steps) steps")
        return Summary(people: people, units: divisions.count + departments.count + wards.count, events: events, cases: cases, steps: steps)
    }

    /// Where a step stands now: a closed case's steps are finished, an open case's in every stage.
    private static func progressed(_ step: PathwayStep, now: Date, closed: Bool, random: inout SeededRandom) -> StepStatus {
        let pastDue = step.dueAt.map { $0 < now } ?? false
        if closed { return random.chance(0.7) ? .done : random.chance(0.5) ? .notRelevant : .declined }
        if step.dueAt == nil { return random.chance(0.2) ? .notRelevant : .pending }
        if pastDue { return random.chance(0.75) ? .done : random.chance(0.5) ? .offered : .pending }
        return random.chance(0.3) ? .offered : .pending
    }
}

/// Collects rows per table and writes them as multi-row inserts, as many rows at a time as the databases'
/// limits on bound values allow.
private struct BatchWriter {
    let sql: any SQLDatabase
    private var pending: [String: (columns: [String], rows: [[any Encodable & Sendable]])] = [:]
    private var order: [String] = []

    init(sql: any SQLDatabase) {
        self.sql = sql
    }

    mutating func add(_ table: String, _ columns: [String], _ row: [any Encodable & Sendable]) async throws {
        if pending[table] == nil {
            pending[table] = (columns, [])
            order.append(table)
        }
        pending[table]?.rows.append(row)
        if (pending[table]?.rows.count ?? 0) * columns.count >= 30_000 {
            // Tables are written in the order they first appeared, so every row's references exist already.
            try await flush()
        }
    }

    mutating func flush() async throws {
        for table in order {
            guard let batch = pending[table], !batch.rows.isEmpty else { continue }
            var insert = sql.insert(into: table).columns(batch.columns)
            for row in batch.rows { insert = insert.values(row.map { SQLBind($0) }) }
            try await insert.run()
            pending[table]?.rows.removeAll(keepingCapacity: true)
        }
    }
}

/// SplitMix64: small, fast and the same on every platform, so a seed always gives the same organization.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ upperBound: Int) -> Int { Int(next() % UInt64(max(1, upperBound))) }

    mutating func chance(_ probability: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < probability }

    mutating func pick<T>(_ values: [T]) -> T { values[int(values.count)] }

    mutating func weighted<T>(_ values: [(T, Int)]) -> T {
        var roll = int(values.reduce(0) { $0 + $1.1 })
        for (value, weight) in values {
            if roll < weight { return value }
            roll -= weight
        }
        return values[values.count - 1].0
    }

    mutating func uuid() -> UUID {
        let a = next()
        let b = next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: a >> (8 * index))
            bytes[index + 8] = UInt8(truncatingIfNeeded: b >> (8 * index))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
