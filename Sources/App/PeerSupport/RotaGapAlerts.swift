import Domain
import Fluent
import Foundation
import SQLKit

/// Coordinators hear of every stretch in the coming week when no team has anyone on call, once per stretch,
/// so that a night with nobody there is filled before it comes rather than found afterwards.
enum RotaGapAlerts {
    static let message = "rota_gap"
    static let lookahead: TimeInterval = 7 * 86400

    static func run(organizationID: UUID, timeZone: TimeZone, context: JobContext) async throws {
        let teams = try await SupporterDirectory.rotas(organizationID: organizationID, timeZone: timeZone, since: context.now, on: try context.db.sql())
        guard !teams.isEmpty else { return }
        let gaps = Rota.gaps(in: DateInterval(start: context.now, duration: lookahead), across: teams.map(\.rota))
        guard !gaps.isEmpty else { return }
        let coordinators = try await Coordinators.of(organizationID, on: context.db)
        try await Messages.store(gaps.flatMap { gap in
            coordinators.map { coordinator in
                Messages.Outgoing(kind: message, urgency: .normal, recipient: coordinator, organizationID: organizationID, link: SiteRoute.program.path,
                                  key: "\(message):\(organizationID):\(Int(gap.start.timeIntervalSince1970)):\(coordinator)")
            }
        }, context: context)
    }
}
