import Domain
import Fluent
import Foundation

final class Organization: Model, @unchecked Sendable {
    static let schema = "organizations"

    @ID(key: .id) var id: UUID?
    /// Carried like every other table's, so the tenant key is uniform; equals `id`.
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "name") var name: String
    @Field(key: "time_zone") var timeZone: String
    @Field(key: "default_language") var defaultLanguage: String
    @Field(key: "created_at") var createdAt: Date
    /// How long a chosen peer supporter has to answer before the request moves on.
    @Field(key: "support_response_minutes") var supportResponseMinutes: Int
    @Field(key: "country") var country: String
    /// The organization's own crisis numbers; nil means the country's.
    @OptionalField(key: "crisis_emergency_number") var crisisEmergencyNumber: String?
    @OptionalField(key: "crisis_out_of_hours_number") var crisisOutOfHoursNumber: String?

    init() {}

    init(id: UUID, name: String, timeZone: String = "Europe/Oslo", defaultLanguage: String = "nb", createdAt: Date) {
        self.id = id
        self.organizationID = id
        self.name = name
        self.timeZone = timeZone
        self.defaultLanguage = defaultLanguage
        self.createdAt = createdAt
        self.supportResponseMinutes = ResponseClock.defaultMinutes
        self.country = (defaultLanguage == "da" ? Country.denmark : .norway).rawValue
    }

    var zone: TimeZone { TimeZone(identifier: timeZone) ?? .defaultForOrganizations }
}
