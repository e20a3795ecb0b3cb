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

/// A person works in one or more units.
final class PersonUnit: Model, @unchecked Sendable {
    static let schema = "person_units"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "unit_id") var unitID: UUID

    init() {}

    init(id: UUID, organizationID: UUID, personID: UUID, unitID: UUID) {
        self.id = id
        self.organizationID = organizationID
        self.personID = personID
        self.unitID = unitID
    }
}

enum Profession: String, CaseIterable, Codable, Sendable {
    case nurse, physician
    case careWorker = "care_worker"
    case midwife, porter, student
    case radiographer, psychologist
    case other
}
