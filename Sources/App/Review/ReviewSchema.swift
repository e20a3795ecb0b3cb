/// The learning review's tables, named once for the migration and the queries.
enum ReviewSchema {
    static let reviews = "learning_reviews"
    static let invitations = "review_invitations"
    static let proposals = "review_proposals"
}
