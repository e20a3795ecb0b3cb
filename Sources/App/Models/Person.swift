import Fluent
import Foundation

final class Person: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "name") var name: String
    @Field(key: "profession") var profession: String
    @OptionalField(key: "preferred_language") var preferredLanguage: String?
    /// From HR: the key an import matches people by; nil for people made by hand.
    @OptionalField(key: "employee_number") var employeeNumber: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "manager_employee_number") var managerEmployeeNumber: String?
    /// False once HR no longer has them: they cannot sign in and are offered to nobody, and keep their history.
    @Field(key: "active") var active: Bool

    init() {}

    init(id: UUID, organizationID: UUID, name: String, profession: Profession, preferredLanguage: String?) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.profession = profession.rawValue
        self.preferredLanguage = preferredLanguage
        self.active = true
    }
}
