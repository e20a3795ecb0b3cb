import Domain
import Foundation
import SQLKit
import Vapor

/// The coordinator's view of the peer-support scheme: who supports, how loaded, and when nobody is on call.
enum PeerSupportAPI {
    /// The longest stretch one coverage request may ask about.
    static let longestCoverage: TimeInterval = 92 * 86400

    static func supporters(_ req: Request) async throws -> APIModels.PeerSupporters {
        let user = try req.requireUser()
        guard AccessPolicy.mayRunPeerSupport(user.actor) else { throw APIError.forbidden }
        let now = try req.context().now
        let program = try await SupporterDirectory.load(organizationID: user.organizationID, timeZone: user.timeZone, now: now, on: req.db)
        let teamNames = Dictionary(uniqueKeysWithValues: program.teams.map { ($0.id, $0.name) })
        try await AuditLog.record(req, .read, "peer_supporter_list", id: nil, subject: nil)
        return APIModels.PeerSupporters(items: program.supporters.map { supporter in
            let candidate = supporter.candidate
            return APIModels.PeerSupporter(
                id: candidate.id, personId: candidate.personID, name: supporter.name, profession: candidate.profession,
                teams: supporter.teams.compactMap { id in teamNames[id].map { APIModels.PeerSupporter.Team(id: id, name: $0) } },
                languages: candidate.languages.sorted(), cap: candidate.cap, load: candidate.activeRequests, onCallNow: candidate.onCallNow,
                onLeave: candidate.isOnLeave(at: now), trainedOn: supporter.trainedOn, nextSupervisionAt: supporter.nextSupervisionAt,
                supervisionOverdue: supporter.nextSupervisionAt.map { $0 < now } ?? false)
        })
    }

    /// The stretches between `from` and `to` (by default the coming four weeks) when no team has anyone on call.
    static func coverage(_ req: Request) async throws -> APIModels.Coverage {
        let user = try req.requireUser()
        guard AccessPolicy.mayRunPeerSupport(user.actor) else { throw APIError.forbidden }
        let now = try req.context().now
        func moment(_ name: String) throws -> Date? {
            guard let text = req.query[String.self, at: name] else { return nil }
            guard let date = ISO8601.parse(text) else {
                throw APIError(.badRequest, "invalid_query", "\(name) must be a date and time in ISO 8601, such as 2026-12-01T08:00:00Z.")
            }
            return date
        }
        let from = try moment("from") ?? now
        let to = try moment("to") ?? from.addingTimeInterval(28 * 86400)
        guard to > from else { throw APIError(.badRequest, "invalid_query", "to must be later than from.") }
        guard to.timeIntervalSince(from) <= longestCoverage else {
            throw APIError(.badRequest, "invalid_query", "Ask for at most \(Int(longestCoverage / 86400)) days at a time.")
        }
        // Only the rotas: the supporters' profiles and loads are not needed to find the gaps.
        let teams = try await SupporterDirectory.rotas(organizationID: user.organizationID, timeZone: user.timeZone, since: from, on: try req.db.sql())
        let gaps = Rota.gaps(in: DateInterval(start: from, end: to), across: teams.map(\.rota))
        return APIModels.Coverage(from: from, to: to, gaps: gaps.map { .init(from: $0.start, to: $0.end) })
    }
}
