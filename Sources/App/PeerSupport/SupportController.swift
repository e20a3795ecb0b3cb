import Domain
import Fluent
import SQLKit
import Vapor

enum SupportController {
    struct CaseRow {
        let id: UUID
        let status: CaseStatus
        let openedAt: Date
        let eventKind: EventKind?
        let eventAt: Date?
        /// The latest request for a peer supporter in this pathway.
        let requestID: UUID?
    }

    /// The person's own cases, newest first, with the event's kind where there is one.
    static func query(personID: UUID, organizationID: UUID, on db: any Database) async throws -> [CaseRow] {
        let rows = try await db.sql().raw("""
            SELECT c.id, c.status, c.opened_at, e.kind, e.occurred_at,
              (SELECT r.id FROM \(ident: PeerSupportSchema.requests) r WHERE r.organization_id = c.organization_id AND r.case_id = c.id
               ORDER BY r.created_at DESC LIMIT 1) AS request_id
            FROM cases c
            LEFT JOIN events e ON e.id = c.event_id AND e.organization_id = c.organization_id
            WHERE c.organization_id = \(bind: organizationID) AND c.person_id = \(bind: personID)
            ORDER BY c.opened_at DESC
            LIMIT 50
            """).all()
        return try rows.map { row in
            CaseRow(
                id: try row.decode(column: "id", as: UUID.self),
                status: try row.decode(column: "status", as: CaseStatus.self),
                openedAt: try row.decode(column: "opened_at", as: Date.self),
                eventKind: try row.decode(column: "kind", as: String?.self).flatMap(EventKind.init(rawValue:)),
                eventAt: try row.decode(column: "occurred_at", as: Date?.self),
                requestID: try row.decode(column: "request_id", as: UUID?.self))
        }
    }

    /// The next things that will happen in each case, in the person's words.
    static func nextSteps(caseIDs: [UUID], organizationID: UUID, on db: any Database) async throws -> [UUID: [StepKey]] {
        guard !caseIDs.isEmpty else { return [:] }
        let open = StepStatus.open.map(\.rawValue)
        let rows = try await db.sql().raw("""
            SELECT case_id, key FROM pathway_steps
            WHERE organization_id = \(bind: organizationID) AND case_id IN (\(binds: caseIDs)) AND status IN (\(binds: open))
              AND due_at IS NOT NULL
            ORDER BY due_at
            """).all()
        var result: [UUID: [StepKey]] = [:]
        for row in rows {
            let caseID = try row.decode(column: "case_id", as: UUID.self)
            if let key = StepKey(rawValue: try row.decode(column: "key", as: String.self)), result[caseID, default: []].count < 3 {
                result[caseID, default: []].append(key)
            }
        }
        return result
    }

    static func mySupport(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let cases = try await query(personID: user.personID, organizationID: user.organizationID, on: req.db)
        let next = try await nextSteps(caseIDs: cases.filter { $0.status == .open }.map(\.id), organizationID: user.organizationID, on: req.db)
        try await AuditLog.record(req, .read, "case_list", id: nil, subject: user.personID)
        let model = MySupportPageModel(cases, next: next, crisis: user.crisisContacts, t: req.localizer)
        return Pages.respond(req, title: model.heading, current: .mySupport, main: MySupportPageView(model: model).main)
    }

    struct RequestForm: Content {
        var involveLeader: Bool?
        var outsideUnit: Bool?
        var reachBy: String?
        var reachAt: String?
        var _submission: String?
    }

    static func requestPage(_ req: Request) async throws -> Response {
        try await renderRequestPage(req, form: nil, problem: nil, status: .ok)
    }

    /// The form, prefilled with the e-mail address Ivareta knows for the person, or as it was sent.
    private static func renderRequestPage(_ req: Request, form: RequestForm?, problem: String?, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        let known = form == nil ? try await NotificationPreference.query(on: req.db).filter(\.$organizationID == user.organizationID)
            .filter(\.$personID == user.personID).first()?.emailAddress : nil
        let model = RequestSupportPageModel(crisis: user.crisisContacts, reachBy: form?.reachBy ?? (known == nil ? nil : ReachBy.email.rawValue),
                                            reachAt: form?.reachAt ?? known ?? "", problem: problem, t: req.localizer, csrf: req.csrfToken,
                                            submissionKey: form?._submission ?? Tokens.random())
        return Pages.respond(req, title: model.heading, current: .requestSupport, status: status, main: RequestSupportPageView(model: model).main)
    }

    static func request(_ req: Request) async throws -> Response {
        let form = try req.content.decode(RequestForm.self)
        let claim = Idempotency.formClaim(.formSupportRequest, key: form._submission, at: req.url.path)
        guard case .success(let reach) = Reach.check(by: form.reachBy, at: form.reachAt) else {
            return try await renderRequestPage(req, form: form, problem: req.localizer("request.reach_problem"), status: .unprocessableEntity)
        }
        let wishes = SupportRequests.Wishes(involveLeader: form.involveLeader ?? false, outsideUnit: form.outsideUnit ?? false, reach: reach)
        let outcome = try await SupportRequests.create(wishes, claim: claim, in: req.context()) { created in
            Idempotency.Answer(status: 303, location: SiteRoute.supportRequest(created.requestID).path, body: nil)
        }
        switch outcome {
        case .created(let created, _):
            return req.redirect(to: SiteRoute.supportRequest(created.requestID).path(PageQuery(notice: .requestSent)))
        case .repeated(let first):
            return req.redirect(to: (first.location ?? SiteRoute.mySupport.path) + PageQuery(notice: .requestSent).queryString)
        }
    }
}
