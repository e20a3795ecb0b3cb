import Domain
import Fluent
import Foundation
import SQLKit

extension DemoSeeder.Seeder {
    struct PeerSupportUnits {
        let surgery: UUID
        let theatres: UUID
        let ward5: UUID
        let emergency: UUID
        let maternity: UUID
    }

    /// Two teams and five supporters with different loads, a rota that leaves one night uncovered next week,
    /// and one request waiting for its supporter to accept. `supporter` (Sara) can always be suggested to `nurse`:
    /// of the others who serve the nurse's ward, one is on leave and one is at their cap.
    func seedPeerSupport(_ org: UUID, units: PeerSupportUnits, sara: UUID, staff: [UUID: [UUID]]) async throws {
        let sql = try db.sql()
        let local = id(), central = id()
        try await insert(PeerSupportSchema.teams, ["id", "organization_id", "name", "scope", "unit_id"],
                         [[local, org, "Surgical Division peer team", TeamScope.local.rawValue, units.surgery],
                          [central, org, "Central resource group", TeamScope.central.rawValue, nil]], sql)

        let kristin = try await person(org, "Kristin Bakke", .physician, [units.theatres], db)
        let jonas = try await person(org, "Jonas Mikkelsen", .nurse, [units.emergency], db)
        let hege = try await person(org, "Hege Fossum", .midwife, [units.maternity], db)
        let piotr = try await person(org, "Piotr Nowak", .careWorker, [units.ward5], db)
        let day: TimeInterval = 86400
        // (person, cap, languages, teams, units served, on leave)
        let people: [(UUID, Int, [String], [UUID], [UUID], Bool)] = [
            (sara, 3, ["nb", "en"], [central], [], false),
            (kristin, 3, ["nb", "en"], [local], [units.surgery], false),
            (jonas, 2, ["nb", "da"], [central], [], false),
            (hege, 3, ["nb"], [central], [], true),
            (piotr, 3, ["nb", "pl"], [local], [units.surgery], false),
        ]
        var profile: [UUID: UUID] = [:]
        for (person, cap, languages, teams, served, onLeave) in people {
            let supporter = id()
            profile[person] = supporter
            try await insert(PeerSupportSchema.profiles, ["id", "organization_id", "person_id", "caseload_cap", "trained_on", "next_supervision_at"],
                             [[supporter, org, person, cap, now - 400 * day, person == kristin ? now - 3 * day : now + 20 * day]], sql)
            try await insert(PeerSupportSchema.languages, ["id", "organization_id", "supporter_id", "language"],
                             languages.map { [id(), org, supporter, $0] }, sql)
            try await insert(PeerSupportSchema.teamMembers, ["id", "organization_id", "supporter_id", "team_id"],
                             teams.map { [id(), org, supporter, $0] }, sql)
            try await insert(PeerSupportSchema.unitsServed, ["id", "organization_id", "supporter_id", "unit_id"],
                             served.map { [id(), org, supporter, $0] }, sql)
            if onLeave {
                try await insert(PeerSupportSchema.leaves, ["id", "organization_id", "supporter_id", "starts_at", "ends_at"],
                                 [[id(), org, supporter, now - 2 * day, now + 12 * day]], sql)
            }
        }

        // The central group covers every hour of the week: Sara by day, Jonas by night, the two in turn at weekends.
        let hours = { (hour: Int) in hour * 60 }
        var shifts: [[(any Encodable & Sendable)?]] = []
        for weekday in 1...5 {
            shifts.append([id(), org, central, profile[sara], weekday, hours(8), hours(16)])
            shifts.append([id(), org, central, profile[jonas], weekday, hours(16), hours(8)])
        }
        shifts.append([id(), org, central, profile[sara], 6, hours(8), hours(8)])
        shifts.append([id(), org, central, profile[jonas], 7, hours(8), hours(8)])
        for weekday in [2, 4] { shifts.append([id(), org, local, profile[kristin], weekday, hours(8), hours(16)]) }
        try await insert(PeerSupportSchema.rotaShifts, ["id", "organization_id", "team_id", "supporter_id", "weekday", "start_minute", "end_minute"],
                         shifts, sql)
        // Jonas has a night off next Wednesday, and nobody covers it: the coordinator's gap to fill.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .defaultForOrganizations
        let nextMonday = calendar.nextDate(after: now, matching: DateComponents(weekday: 2), matchingPolicy: .nextTime) ?? now + 7 * day
        let wednesdayEvening = calendar.date(byAdding: DateComponents(day: 2, hour: 16), to: nextMonday) ?? nextMonday
        let thursdayMorning = calendar.date(byAdding: DateComponents(day: 3, hour: 8), to: nextMonday) ?? nextMonday
        try await insert(PeerSupportSchema.rotaExceptions, ["id", "organization_id", "team_id", "starts_at", "ends_at", "change", "supporter_id"],
                         [[id(), org, central, wednesdayEvening, thursdayMorning, RotaException.Kind.off.rawValue, profile[jonas]]], sql)

        // Loads: Jonas at his cap of two, Sara and Piotr with one each; Piotr's still waits for him to accept.
        let colleagues = (staff[units.emergency] ?? []).suffix(2) + (staff[units.ward5] ?? []).suffix(1) + (staff[units.theatres] ?? []).suffix(1)
        let assignments: [(UUID?, SupportRequestStatus)] = [(profile[jonas], .accepted), (profile[jonas], .accepted),
                                                             (profile[sara], .accepted), (profile[piotr], .offered)]
        for (person, (supporter, status)) in zip(colleagues, assignments) {
            let caseID = try await selfReferral(org, person: person, at: now - 5 * day)
            try await insert(PeerSupportSchema.requests,
                             ["id", "organization_id", "case_id", "person_id", "status", "same_profession", "outside_unit", "language",
                              "supporter_id", "created_at", "version"],
                             [[id(), org, caseID, person, status.rawValue, false, false, nil, supporter, now - 5 * day, 1]], sql)
        }
    }

    /// A pathway of the person's own, kept from their leader, as asking for support opens it.
    func selfReferral(_ org: UUID, person: UUID, at openedAt: Date) async throws -> UUID {
        let caseID = id()
        try await Case(id: caseID, organizationID: org, personID: person, eventID: nil, ownerID: nil, openedAt: openedAt).create(on: db)
        try await PathwaySteps.create(
            PathwayPlanner.selfReferralSteps(requestedAt: openedAt, involveLeader: false, timeZone: .defaultForOrganizations),
            caseID: caseID, organizationID: org, remind: false, now: now, ids: id, on: db)
        return caseID
    }

    private func insert(_ table: String, _ columns: [String], _ rows: [[(any Encodable & Sendable)?]], _ sql: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        var insert = sql.insert(into: table).columns(columns)
        for row in rows { insert = insert.values(row.map { value in value.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null }) }
        try await insert.run()
    }
}
