import Fluent
import Foundation

final class Person: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "name") var name: String
    @Field(key: "profession") var profession: String
    @OptionalField(key: "preferred_language") var preferredLanguage: String?

    init() {}

    init(id: UUID, organizationID: UUID, name: String, profession: Profession, preferredLanguage: String?) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.profession = profession.rawValue
        self.preferredLanguage = preferredLanguage
    }
}
