import Domain
import Fluent
import Foundation
import SQLKit

/// What matching needs for the signed-in person: the supporters who serve them, the person as a seeker, and
/// their wishes. Read in a fixed number of queries.
struct MatchingInput: Sendable {
    let pool: [SupporterDirectory.Supporter]
    let everyone: [SupporterDirectory.Supporter]
    let seeker: SupportSeeker
    let wishes: SupportWishes
    let now: Date

    /// Who is asking, as matching needs them: from the signed-in person, or read for a job acting on their request.
    struct Asking: Sendable {
        let personID: UUID
        let organizationID: UUID
        let units: Set<UUID>
        let timeZone: TimeZone

        init(personID: UUID, organizationID: UUID, units: Set<UUID>, timeZone: TimeZone) {
            self.personID = personID
            self.organizationID = organizationID
            self.units = units
            self.timeZone = timeZone
        }

        init(_ user: CurrentUser) {
            self.init(personID: user.personID, organizationID: user.organizationID, units: user.ownUnits, timeZone: user.timeZone)
        }
    }

    static func load(_ wishes: SupportRequests.Wishes, leader: UUID?, caseID: UUID?, in context: ServiceContext) async throws -> MatchingInput {
        try await load(wishes, for: Asking(context.user), leader: leader, passedBy: [], caseID: caseID, now: context.now, on: context.db)
    }

    /// `caseID` is the pathway the request belongs to: when it follows an event, everyone involved in that event
    /// is kept out of the pool (the `same_event` rule), whoever asks and however.
    static func load(_ wishes: SupportRequests.Wishes, for asking: Asking, leader: UUID?, passedBy: Set<UUID>, caseID: UUID?, now: Date,
                     on db: any Database) async throws -> MatchingInput {
        let event = try await eventPeople(caseID: caseID, personID: asking.personID, organizationID: asking.organizationID, on: db)
        let program = try await SupporterDirectory.load(organizationID: asking.organizationID, timeZone: asking.timeZone, now: now, on: db)
        let profession = program.supporters.isEmpty ? "" : try await Person.query(on: db).filter(\.$organizationID == asking.organizationID)
            .filter(\.$id == asking.personID).first()?.profession ?? ""
        let above = program.supporters.isEmpty
            ? [] : try await SupporterDirectory.withUnitsAbove(asking.units, organizationID: asking.organizationID, on: db)
        let ownTeams = Set(program.supporters.first { $0.candidate.personID == asking.personID }?.teams ?? [])
        let teammates = Set(program.supporters.filter { !ownTeams.isDisjoint(with: $0.teams) }.map(\.candidate.id))
        return MatchingInput(
            pool: SupporterDirectory.serving(program, units: asking.units, unitsAbove: above), everyone: program.supporters,
            seeker: SupportSeeker(personID: asking.personID, profession: profession, units: asking.units, leaders: leader.map { [$0] } ?? [],
                                  involvedInEvent: event.involved, reviewFacilitators: event.facilitators, passedBy: passedBy, teammates: teammates),
            wishes: SupportWishes(sameProfession: wishes.sameProfession, outsideUnit: wishes.outsideUnit, language: wishes.language),
            now: now)
    }

    /// For a request already made, read without the signed-in user (a job, a coordinator, the supporter): its
    /// person, their nearest leader, and the supporters who passed it on.
    static func load(for request: SupportOffers.Request, now: Date, on db: any Database) async throws -> MatchingInput {
        try await load(request.wishes, for: try await SupportPassOn.asking(request, on: db),
                       leader: try await Leaders.nearest(to: request.personID, organizationID: request.organizationID, on: db),
                       passedBy: Set(try await SupportPassOn.passes(of: request, on: db)), caseID: request.caseID, now: now, on: db)
    }

    /// Who must not support someone after their event: the others involved in it, and the facilitator of the
    /// review of any event the person is involved in (support stays apart from review in every pathway).
    struct EventPeople: Sendable {
        var involved: Set<UUID> = []
        var facilitators: Set<UUID> = []
    }

    /// The people of the event behind a pathway (none without one), and the facilitators of the reviews of every
    /// event the person is involved in, in one query.
    static func eventPeople(caseID: UUID?, personID: UUID, organizationID: UUID, on db: any Database) async throws -> EventPeople {
        // A request not yet made (asking for oneself) has no pathway, so nobody is involved with it.
        let pathway: SQLQueryString = caseID.map { "c.id = \(bind: $0)" } ?? "1 = 0"
        let rows = try await db.sql().raw("""
            SELECT 'involved' AS part, other.person_id FROM cases c
            JOIN cases other ON other.organization_id = c.organization_id AND other.event_id = c.event_id AND \(CasePredicates.stillInvolved("other"))
            WHERE c.organization_id = \(bind: organizationID) AND \(pathway) AND c.event_id IS NOT NULL
            UNION ALL
            SELECT 'facilitator', r.facilitator_id FROM cases theirs
            JOIN \(ident: ReviewSchema.reviews) r ON r.organization_id = theirs.organization_id AND r.event_id = theirs.event_id
            WHERE theirs.organization_id = \(bind: organizationID) AND theirs.person_id = \(bind: personID) AND \(CasePredicates.stillInvolved("theirs"))
            """).all()
        var people = EventPeople()
        for row in rows {
            let person = try row.decode(column: "person_id", as: UUID.self)
            if try row.decode(column: "part", as: String.self) == "involved" { people.involved.insert(person) } else { people.facilitators.insert(person) }
        }
        return people
    }

    func suggestions() -> [Matching.Suggestion] {
        Matching.suggestions(from: pool.map(\.candidate), for: seeker, wishes: wishes, now: now)
    }

    func name(of supporterID: UUID) -> String {
        everyone.first { $0.candidate.id == supporterID }?.name ?? ""
    }
}
