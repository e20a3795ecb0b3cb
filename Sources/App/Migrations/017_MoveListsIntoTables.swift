import Fluent
import Foundation
import SQLKit

/// Lists that were kept as joined text — an account's roles, an event's tags and defusing reasons, the people
/// relieved from duty, a defusing rule's kinds and tags — become rows, carried over from the text; the text
/// columns go. Reverting writes the text back from the rows.
struct MoveListsIntoTables: AsyncMigration {
    var name: String { "017_MoveListsIntoTables" }

    func prepare(on database: any Database) async throws {
        try await list(AccountRole.schema, owner: ("account_id", Account.schema), value: "role", on: database)
        try await list(EventTagRecord.schema, owner: ("event_id", Event.schema), value: "tag", on: database)
        try await database.schema(DefusingReason.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("event_id", .uuid, .required, .references(Event.schema, .id))
            .field("position", .int, .required)
            .field("label", .string, .required)
            .unique(on: "event_id", "position")
            .create()
        try await database.schema(RelievedPerson.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field("event_id", .uuid, .required, .references(Event.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .unique(on: "event_id", "person_id")
            .create()
        try await list(DefusingRuleKind.schema, owner: ("rule_id", DefusingTriggerRuleRecord.schema), value: "kind", on: database)
        try await list(DefusingRuleTag.schema, owner: ("rule_id", DefusingTriggerRuleRecord.schema), value: "tag", on: database)

        let sql = try database.sql()
        try await carry(from: Account.schema, column: "roles", separator: ",", on: sql) { org, owner, index, value in
            .init(table: AccountRole.schema, row: ["id": UUID(), "organization_id": org, "account_id": owner, "role": value])
        }
        try await carry(from: Event.schema, column: "tags", separator: ",", on: sql) { org, owner, _, value in
            .init(table: EventTagRecord.schema, row: ["id": UUID(), "organization_id": org, "event_id": owner, "tag": value])
        }
        try await carry(from: Event.schema, column: "defusing_recommended_by", separator: "\n", on: sql) { org, owner, index, value in
            .init(table: DefusingReason.schema, row: ["id": UUID(), "organization_id": org, "event_id": owner, "position": index, "label": value])
        }
        try await carry(from: ImmediateChecklist.schema, column: "relieved_person_ids", owner: "event_id", separator: ",", on: sql) { org, owner, _, value in
            guard let person = UUID(uuidString: value) else { return nil }
            return .init(table: RelievedPerson.schema, row: ["id": UUID(), "organization_id": org, "event_id": owner, "person_id": person])
        }
        try await carry(from: DefusingTriggerRuleRecord.schema, column: "kinds", separator: ",", on: sql) { org, owner, _, value in
            .init(table: DefusingRuleKind.schema, row: ["id": UUID(), "organization_id": org, "rule_id": owner, "kind": value])
        }
        try await carry(from: DefusingTriggerRuleRecord.schema, column: "tags", separator: ",", on: sql) { org, owner, _, value in
            .init(table: DefusingRuleTag.schema, row: ["id": UUID(), "organization_id": org, "rule_id": owner, "tag": value])
        }

        try await database.schema(Account.schema).deleteField("roles").update()
        try await database.schema(Event.schema).deleteField("tags").update()
        try await database.schema(Event.schema).deleteField("defusing_recommended_by").update()
        try await database.schema(ImmediateChecklist.schema).deleteField("relieved_person_ids").update()
        try await database.schema(DefusingTriggerRuleRecord.schema).deleteField("kinds").update()
        try await database.schema(DefusingTriggerRuleRecord.schema).deleteField("tags").update()
    }

    func revert(on database: any Database) async throws {
        for (table, column) in [(Account.schema, "roles"), (Event.schema, "tags"), (Event.schema, "defusing_recommended_by"),
                                (ImmediateChecklist.schema, "relieved_person_ids"), (DefusingTriggerRuleRecord.schema, "kinds"),
                                (DefusingTriggerRuleRecord.schema, "tags")] {
            try await database.schema(table).field(FieldKey(stringLiteral: column), .string, .required, .sql(.default(""))).update()
        }
        let sql = try database.sql()
        try await joinBack(AccountRole.schema, "role", into: Account.schema, "roles", owner: "account_id", separator: ",", on: sql)
        try await joinBack(EventTagRecord.schema, "tag", into: Event.schema, "tags", owner: "event_id", separator: ",", on: sql)
        try await joinBack(DefusingReason.schema, "label", into: Event.schema, "defusing_recommended_by", owner: "event_id",
                           separator: "\n", order: "position", on: sql)
        try await joinBack(RelievedPerson.schema, "person_id", into: ImmediateChecklist.schema, "relieved_person_ids", owner: "event_id",
                           target: "event_id", separator: ",", on: sql)
        try await joinBack(DefusingRuleKind.schema, "kind", into: DefusingTriggerRuleRecord.schema, "kinds", owner: "rule_id", separator: ",", on: sql)
        try await joinBack(DefusingRuleTag.schema, "tag", into: DefusingTriggerRuleRecord.schema, "tags", owner: "rule_id", separator: ",", on: sql)
        for table in [DefusingRuleTag.schema, DefusingRuleKind.schema, RelievedPerson.schema, DefusingReason.schema, EventTagRecord.schema,
                      AccountRole.schema] {
            try await database.schema(table).delete()
        }
    }

    /// A table of one value per row belonging to an owner, each value at most once.
    private func list(_ table: String, owner: (column: String, table: String), value: String, on database: any Database) async throws {
        try await database.schema(table)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, .id))
            .field(FieldKey(stringLiteral: owner.column), .uuid, .required, .references(owner.table, .id))
            .field(FieldKey(stringLiteral: value), .string, .required)
            .unique(on: FieldKey(stringLiteral: owner.column), FieldKey(stringLiteral: value))
            .create()
    }

    struct Insert {
        let table: String
        let row: [String: any Encodable & Sendable]
    }

    /// Splits each row's text and inserts what `make` builds from each piece, once per distinct piece. The new
    /// rows' ids are random: a migration runs once, outside any request, and nothing refers to these ids.
    private func carry(from table: String, column: String, owner: String = "id", separator: Character, on sql: any SQLDatabase,
                       _ make: (UUID, UUID, Int, String) -> Insert?) async throws {
        let rows = try await sql.select().column("organization_id").column(SQLIdentifier(owner)).column(SQLIdentifier(column)).from(table).all()
        for row in rows {
            let organization = try row.decode(column: "organization_id", as: UUID.self)
            let ownerID = try row.decode(column: owner, as: UUID.self)
            var seen: Set<String> = []
            let pieces = try row.decode(column: column, as: String.self).split(separator: separator).map(String.init)
                .filter { !$0.isEmpty && seen.insert($0).inserted }
            for (index, piece) in pieces.enumerated() {
                guard let insert = make(organization, ownerID, index, piece) else { continue }
                let columns = insert.row.keys.sorted()
                try await sql.insert(into: insert.table).columns(columns).values(columns.map { SQLBind(insert.row[$0]!) }).run()
            }
        }
    }

    private func joinBack(_ table: String, _ value: String, into target: String, _ column: String, owner: String, target key: String = "id",
                          separator: String, order: String? = nil, on sql: any SQLDatabase) async throws {
        let rows = try await sql.select().column(SQLIdentifier(owner)).column(SQLIdentifier(value)).from(table)
            .orderBy(SQLIdentifier(order ?? value)).all()
        var joined: [UUID: [String]] = [:]
        for row in rows {
            // Person ids are UUID columns on PostgreSQL; everything else is text.
            let text: String
            if let string = try? row.decode(column: value, as: String.self) { text = string } else { text = try row.decode(column: value, as: UUID.self).uuidString }
            joined[try row.decode(column: owner, as: UUID.self), default: []].append(text)
        }
        for (ownerID, values) in joined {
            try await sql.update(target).set(SQLIdentifier(column), to: SQLBind(values.joined(separator: separator)))
                .where(SQLIdentifier(key), .equal, SQLBind(ownerID)).run()
        }
    }
}
