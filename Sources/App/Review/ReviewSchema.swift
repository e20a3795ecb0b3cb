/// The learning review's tables, named once for the migration and the queries.
enum ReviewSchema {
    static let reviews = "learning_reviews"
    static let invitations = "review_invitations"
    static let proposals = "review_proposals"
    static let familyMeetings = "family_meetings"
    static let familyAttendees = "family_meeting_attendees"
    static let familyProposals = "family_meeting_proposals"
}
