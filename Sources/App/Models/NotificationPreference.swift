import Domain
import Fluent
import Foundation

/// How a person wants to be told things outside the app. No row means the defaults: the inbox only.
final class NotificationPreference: Model, @unchecked Sendable {
    static let schema = "notification_preferences"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "person_id") var personID: UUID
    @OptionalField(key: "email_address") var emailAddress: String?
    @Field(key: "email_enabled") var emailEnabled: Bool
    /// Minutes after local midnight.
    @OptionalField(key: "quiet_start") var quietStart: Int?
    @OptionalField(key: "quiet_end") var quietEnd: Int?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(id: UUID, organizationID: UUID, personID: UUID, preferences: ChannelPreferences, at now: Date) {
        self.id = id
        self.organizationID = organizationID
        self.personID = personID
        self.updatedAt = now
        apply(preferences)
    }

    func apply(_ preferences: ChannelPreferences) {
        emailAddress = preferences.emailAddress
        emailEnabled = preferences.emailEnabled
        quietStart = preferences.quietHours?.start
        quietEnd = preferences.quietHours?.end
    }

    var preferences: ChannelPreferences {
        ChannelPreferences(emailAddress: emailAddress, emailEnabled: emailEnabled,
                           quietHours: quietStart.flatMap { start in quietEnd.flatMap { QuietHours(start: start, end: $0) } })
    }
}
