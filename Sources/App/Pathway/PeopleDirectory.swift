import Domain
import Fluent
import Foundation
import Vapor

enum PeopleDirectory {
    /// Each known person's units, for the people of this organization among `ids`.
    static func units(of ids: [UUID], organizationID: UUID, on db: any Database) async throws -> [UUID: Set<UUID>] {
        guard !ids.isEmpty else { return [:] }
        let people = try await Person.query(on: db).filter(\.$organizationID == organizationID).filter(\.$id ~~ ids).all()
        let links = try await unitLinks(of: ids, organizationID: organizationID, on: db)
        var result: [UUID: Set<UUID>] = [:]
        for person in people { result[try person.requireID()] = [] }
        return result.merging(links) { $1 }
    }

    /// Each of these people's units, in one query; a person without units is absent.
    static func unitLinks(of ids: [UUID], organizationID: UUID, on db: any Database) async throws -> [UUID: Set<UUID>] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: Set<UUID>] = [:]
        for link in try await PersonUnit.query(on: db).filter(\.$organizationID == organizationID).filter(\.$personID ~~ ids).all() {
            result[link.personID, default: []].insert(link.unitID)
        }
        return result
    }
}
