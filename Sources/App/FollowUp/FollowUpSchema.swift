/// The leader's records on a pathway, named once for the migration and the queries.
enum FollowUpSchema {
    static let contacts = "leader_contacts"
    static let meetings = "follow_up_meetings"
    static let meetingTopics = "follow_up_meeting_topics"
    static let adjustments = "adjustments"
}
