import Fluent

/// Append-only: a released migration is never edited, only followed by a new one.
enum AppMigrations {
    static let all: [any Migration] = [
        CreateOrganization(),
        CreateUnit(),
        CreatePerson(),
        CreateAccount(),
        CreateEvent(),
        CreateCase(),
        CreatePathwayStep(),
        CreateAuditEntry(),
        CreateJob(),
        CreateMessage(),
        CreateNotificationPreference(),
        AddDeliveryToMessage(),
        CreateWorkerHeartbeat(),
        AddVersionToCasesAndSteps(),
        AddSharedWithLeaderToCase(),
        CreateIdempotencyRecord(),
        MoveListsIntoTables(),
        IndexUnitsByParent(),
        CreatePeerSupportProgram(),
        DropOnCallFromNotificationPreferences(),
        AddCaseToMessages(),
        AddVersionToSupporterProfiles(),
        AddSupportResponseTimeToOrganizations(),
        CreateDefusingConversations(),
        CreateFollowUpRecords(),
        CreateLearningReviews(),
        CreateFamilyMeetings(),
        AddCrisisContactsToOrganizations(),
        AddCorrectionsToCasesAndSteps(),
        AddEmailClaimToMessages(),
        CreateCheckIns(),
    ]
}
