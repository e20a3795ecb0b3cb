import Foundation

public enum CaseStatus: String, CaseIterable, Sendable, Codable {
    case open, closed
}

public enum CaseLifecycle {
    public enum Refusal: Error, Equatable {
        case alreadyClosed, alreadyOpen
        /// A case closes only when the person and the owner agree.
        case personHasNotAgreed
    }

    public static func close(_ status: CaseStatus, personAgrees: Bool) throws(Refusal) -> CaseStatus {
        guard status == .open else { throw .alreadyClosed }
        guard personAgrees else { throw .personHasNotAgreed }
        return .closed
    }

    /// Anniversaries and later events often bring reactions back, so any closed case can be reopened.
    public static func reopen(_ status: CaseStatus) throws(Refusal) -> CaseStatus {
        guard status == .closed else { throw .alreadyOpen }
        return .open
    }
}
