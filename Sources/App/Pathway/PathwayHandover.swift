import Domain
import Fluent
import Foundation
import SQLKit

/// Open pathways follow the leader: the new unit's when their person moved, and away from a leader who is no
/// longer there (deactivated by HR's file or by hand). Each leader is told once per person. A pathway the person
/// did not share with their leader stays without one; one with no leader to go to keeps its owner, and the
/// overdue steps reach the program contacts as before.
enum PathwayHandover {
    /// `moved`: people whose units changed, with their new units. `leaving`: people who no longer lead anyone.
    static func reassign(organizationID org: UUID, moved: [UUID: Set<UUID>], leaving: Set<UUID>, actor: UUID?, key: String,
                         outbox: some Outbox) async throws {
        guard !moved.isEmpty || !leaving.isEmpty else { return }
        let sql = try outbox.db.sql()
        let open = try await sql.raw("""
            SELECT id, person_id, owner_id, version FROM cases
            WHERE organization_id = \(bind: org) AND status = \(bind: CaseStatus.open.rawValue) AND shared_with_leader = \(bind: true)
            """).all().map { row in
                (id: try row.decode(column: "id", as: UUID.self), person: try row.decode(column: "person_id", as: UUID.self),
                 owner: try row.decode(column: "owner_id", as: UUID?.self), version: try row.decode(column: "version", as: Int.self))
            }.filter { moved[$0.person] != nil || $0.owner.map(leaving.contains) == true }
        guard !open.isEmpty else { return }
        var units = moved
        let stay = Array(Set(open.map(\.person)).subtracting(moved.keys))
        for people in stay.chunked(HRImportWriter.chunk) {
            for row in try await sql.raw("""
                SELECT person_id, unit_id FROM person_units WHERE organization_id = \(bind: org) AND person_id IN (\(binds: people))
                """).all() {
                units[try row.decode(column: "person_id", as: UUID.self), default: []].insert(try row.decode(column: "unit_id", as: UUID.self))
            }
        }
        let leaders = try await Leaders.map(organizationID: org, on: outbox.db)
        var messages: [Messages.Outgoing] = []
        var told: Set<String> = []
        for pathway in open {
            guard let owner = leaders.nearest(to: pathway.person, units: units[pathway.person] ?? []), owner != pathway.owner else { continue }
            try await sql.raw("""
                UPDATE cases SET owner_id = \(bind: owner), version = \(bind: pathway.version + 1)
                WHERE organization_id = \(bind: org) AND id = \(bind: pathway.id) AND version = \(bind: pathway.version)
                """).run()
            try await outbox.audit(by: actor, .update, "case_owner", id: pathway.id, subject: pathway.person, organizationID: org)
            if told.insert("\(pathway.person):\(owner)").inserted {
                messages.append(Messages.Outgoing(kind: "pathway_handed_over", urgency: .normal, recipient: owner, organizationID: org,
                                                  link: SiteRoute.caseDetail(pathway.id).path, key: "handover:\(key):\(pathway.id):new", caseID: pathway.id))
            }
            if let before = pathway.owner, !leaving.contains(before), told.insert("\(pathway.person):\(before)").inserted {
                messages.append(Messages.Outgoing(kind: "pathway_moved_away", urgency: .normal, recipient: before, organizationID: org,
                                                  link: SiteRoute.tasks.path, key: "handover:\(key):\(pathway.id):old"))
            }
        }
        try await Messages.store(messages, context: outbox)
    }
}
