/// The defusing conversation's tables, named once for the migration and the queries.
enum DefusingSchema {
    static let conversations = "defusing_conversations"
    static let facts = "defusing_facts"
    static let reminders = "defusing_reminders"
    static let participants = "defusing_participants"
}
