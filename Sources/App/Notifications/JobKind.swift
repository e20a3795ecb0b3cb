/// What a job does; the worker's switch over it is exhaustive, so a new kind cannot be forgotten there.
enum JobKind: String, Codable, Sendable, CaseIterable {
    case stepReminder = "step_reminder"
    case stepOverdue = "step_overdue"
    case emailDelivery = "email_delivery"
    case retentionRun = "retention_run"
    case supportResponseDue = "support_response_due"
    case supportInvitation = "support_invitation"
    case followUpDue = "follow_up_due"
    case checkInDue = "check_in_due"
    case passwordReset = "password_reset"
}
