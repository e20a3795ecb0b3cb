import Domain
import Fluent
import Foundation

/// What matching needs for the signed-in person: the supporters who serve them, the person as a seeker, and
/// their wishes. Read in a fixed number of queries.
struct MatchingInput: Sendable {
    let pool: [SupporterDirectory.Supporter]
    let everyone: [SupporterDirectory.Supporter]
    let seeker: SupportSeeker
    let wishes: SupportWishes
    let now: Date

    static func load(_ wishes: SupportRequests.Wishes, leader: UUID?, in context: ServiceContext) async throws -> MatchingInput {
        let user = context.user
        let program = try await SupporterDirectory.load(organizationID: user.organizationID, timeZone: user.timeZone, now: context.now, on: context.db)
        let profession = program.supporters.isEmpty ? "" : try await Person.query(on: context.db).filter(\.$organizationID == user.organizationID)
            .filter(\.$id == user.personID).first()?.profession ?? ""
        let above = program.supporters.isEmpty
            ? [] : try await SupporterDirectory.withUnitsAbove(user.ownUnits, organizationID: user.organizationID, on: context.db)
        return MatchingInput(
            pool: SupporterDirectory.serving(program, units: user.ownUnits, unitsAbove: above), everyone: program.supporters,
            seeker: SupportSeeker(personID: user.personID, profession: profession, units: user.ownUnits, leaders: leader.map { [$0] } ?? []),
            wishes: SupportWishes(sameProfession: wishes.sameProfession, outsideUnit: wishes.outsideUnit, language: wishes.language),
            now: context.now)
    }

    func suggestions() -> [Matching.Suggestion] {
        Matching.suggestions(from: pool.map(\.candidate), for: seeker, wishes: wishes, now: now)
    }

    func name(of supporterID: UUID) -> String {
        everyone.first { $0.candidate.id == supporterID }?.name ?? ""
    }
}
