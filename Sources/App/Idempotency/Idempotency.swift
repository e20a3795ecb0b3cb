import Crypto
import Fluent
import Foundation
import Vapor

/// Creating something at most once per key: an API client's `Idempotency-Key`, or the one-time key a form
/// carries. The record is written in the same transaction as what it created, so either both exist or neither.
enum Idempotency {
    /// What kind of creation a key belongs to; the same key may be used once per scope.
    enum Scope: String, Sendable {
        case apiEvent = "api:event"
        case apiSupportRequest = "api:support_request"
        case apiDefusing = "api:defusing"
        case apiReview = "api:review"
        case apiProposal = "api:proposal"
        case apiFamilyMeeting = "api:family_meeting"
        case apiReferral = "api:referral"
        case apiSupportContact = "api:support_contact"
        case apiLeaderContact = "api:leader_contact"
        case apiFollowUpMeeting = "api:follow_up_meeting"
        case apiAdjustment = "api:adjustment"
        case apiImport = "api:import"
        case formReview = "form:review"
        case formProposal = "form:proposal"
        case formDefusing = "form:defusing"
        case formEvent = "form:event"
        case formEventCorrection = "form:event_correction"
        case formSupportRequest = "form:support_request"
        /// What is added to the peer-support scheme, each form its own scope.
        case formTeam = "form:team"
        case formShift = "form:shift"
        case formRotaChange = "form:rota_change"
        case formSupporter = "form:supporter"
        case formLeave = "form:leave"
        case formReferral = "form:referral"
        case formService = "form:service"
        case formCheckIn = "form:check_in"
        case formSupportContact = "form:support_contact"
        case formLeaderContact = "form:leader_contact"
        case formFollowUpMeeting = "form:follow_up_meeting"
        case formAdjustment = "form:adjustment"

        /// A form sent again (after going back) is the same submission even if a field was changed since.
        var comparesBody: Bool {
            switch self {
            case .apiEvent, .apiImport, .apiSupportRequest, .apiDefusing, .apiReview, .apiProposal, .apiFamilyMeeting, .apiReferral, .apiSupportContact, .apiLeaderContact,
                 .apiFollowUpMeeting, .apiAdjustment: true
            case .formEvent, .formEventCorrection, .formSupportRequest, .formTeam, .formShift, .formRotaChange, .formSupporter, .formLeave, .formDefusing, .formReview, .formProposal,
                 .formReferral, .formService, .formCheckIn, .formSupportContact, .formLeaderContact, .formFollowUpMeeting, .formAdjustment: false
            }
        }
    }

    struct Claim: Sendable {
        let scope: Scope
        let key: String
        let requestHash: String
    }

    /// What the first request answered: enough to answer a repeat the same way.
    struct Answer: Sendable {
        let status: Int
        let location: String?
        let body: String?
    }

    enum Outcome<Value: Sendable>: Sendable {
        case created(Value, Answer)
        case repeated(Answer)

        /// The answer as a response; a repeat says it was replayed.
        var response: Response {
            switch self {
            case .created(_, let answer): answer.response(replayed: false)
            case .repeated(let answer): answer.response(replayed: true)
            }
        }
    }

    struct KeyReused: Error {}

    static let maxKeyLength = 200

    /// A usable key, or nil when none was sent. A key a client could not mean (too long, control characters)
    /// is refused rather than silently ignored. The request is compared as decoded and written out again in
    /// one canonical form, so a retry that orders its keys or spaces its JSON differently is still the same.
    /// `path` is where the request was sent: a key is one creation at one address, so the same key sent to
    /// another event or review is not taken for a repeat of the first.
    static func claim(_ scope: Scope, key: String?, request: some Encodable, at path: String) throws -> Claim? {
        guard let key else { return nil }
        guard !key.isEmpty, key.count <= maxKeyLength, key.unicodeScalars.allSatisfy({ $0.value >= 0x21 && $0.value < 0x7F }) else {
            throw APIError(.badRequest, "invalid_idempotency_key", "Idempotency-Key must be 1–\(maxKeyLength) visible ASCII characters.")
        }
        let canonical = try APIJSON.encoder().encode(request)
        return Claim(scope: scope, key: "\(key) \(path)", requestHash: SHA256.hash(data: canonical).map { String(format: "%02x", $0) }.joined())
    }

    /// A form's one-time key, if it carried one. Only the key counts: a form sent again after going back is the
    /// same submission even when a field was changed.
    static func formClaim(_ scope: Scope, key: String?, at path: String) -> Claim? {
        // Our forms carry short keys; a longer one was not made by us and is not cut to collide with another.
        guard let key, !key.isEmpty, key.count <= maxKeyLength else { return nil }
        return Claim(scope: scope, key: "\(key) \(path)", requestHash: "")
    }

    /// Runs `create` once per claim. A repeat returns the first answer; a key reused for another body throws
    /// `KeyReused`. Two racing requests with one key: the database's unique key lets one commit, and the
    /// other, rolled back, finds the winner's answer.
    static func once<Value: Sendable>(
        _ claim: Claim?, in context: ServiceContext,
        _ create: @escaping @Sendable (ServiceContext) async throws -> (Value, Answer)
    ) async throws -> Outcome<Value> {
        if let claim, let earlier = try await find(claim, in: context) { return try repeatAnswer(earlier, claim) }
        do {
            let (value, answer) = try await context.transaction { tx in
                let (value, answer) = try await create(tx)
                if let claim {
                    try await IdempotencyRecord(id: tx.newID(), organizationID: tx.user.organizationID, accountID: tx.user.accountID,
                                                claim: claim, answer: answer, at: tx.now).create(on: tx.db)
                }
                return (value, answer)
            }
            return .created(value, answer)
        } catch {
            guard let claim, let earlier = try await find(claim, in: context) else { throw error }
            return try repeatAnswer(earlier, claim)
        }
    }

    /// The first answer to this claim, if it was made already: for a service that must know before it checks
    /// state the first request changed (a correction's version).
    static func earlier<Value>(_ claim: Claim?, in context: ServiceContext) async throws -> Outcome<Value>? {
        guard let claim, let earlier = try await find(claim, in: context) else { return nil }
        return try repeatAnswer(earlier, claim)
    }

    private static func find(_ claim: Claim, in context: ServiceContext) async throws -> IdempotencyRecord? {
        try await IdempotencyRecord.query(on: context.db)
            .filter(\.$organizationID == context.user.organizationID).filter(\.$accountID == context.user.accountID)
            .filter(\.$scope == claim.scope.rawValue).filter(\.$key == claim.key).first()
    }

    private static func repeatAnswer<Value>(_ earlier: IdempotencyRecord, _ claim: Claim) throws -> Outcome<Value> {
        guard !claim.scope.comparesBody || earlier.requestHash == claim.requestHash else { throw KeyReused() }
        return .repeated(Answer(status: earlier.status, location: earlier.location, body: earlier.body))
    }
}

extension Idempotency.Answer {
    /// The stored answer as a response: the same status and JSON body as the first time.
    func response(replayed: Bool) -> Response {
        let response = Response(status: HTTPResponseStatus(statusCode: status))
        if let body {
            response.headers.contentType = .json
            response.body = .init(string: body)
        }
        if let location { response.headers.replaceOrAdd(name: .location, value: location) }
        if replayed { response.headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true") }
        return response
    }
}
