import Domain
import Fluent
import SQLKit
import Vapor

enum CaseController {
    /// `version` is the version of the step or case the page showed: a change decided from an older page is
    /// refused with the fresh state rather than silently overwriting someone else's.
    struct StepForm: Content {
        var status: String?
        var version: Int?
    }

    struct CloseForm: Content {
        var personAgrees: Bool?
        var version: Int?
    }

    struct ReopenForm: Content {
        var version: Int?
    }

    struct UndoForm: Content {
        var version: String?
    }

    static func show(_ req: Request) async throws -> Response {
        let caseID = try req.pageID(RouteParameter.caseID)
        let flash = PageQuery(req).notice.map { notice in
            switch notice {
            case .requestSent: req.localizer("request.sent")
            case .supportAsked: req.localizer("case.on_behalf.sent")
            case .reportingHelp: req.localizer("reporting.help_sent")
            case .undone: req.localizer("case.undone")
            case .consent: req.localizer("check_ins.consent.saved")
            default: req.localizer("case.saved")
            }
        }
        return try await render(req, caseID: caseID, flash: flash, tone: .success, status: .ok)
    }

    static func moveStep(_ req: Request) async throws -> Response {
        let caseID = try req.pageID(RouteParameter.caseID)
        guard let key = req.parameters.get(RouteParameter.stepKey).flatMap(StepKey.init(rawValue:)) else { throw PageError.notFound }
        let form = try req.content.decode(StepForm.self)
        // A page's change is decided from the version it showed; a form without one cannot say which state it saw.
        guard let status = form.status.flatMap(StepStatus.init(rawValue:)), let version = form.version else {
            throw PageError(status: .badRequest, messageKey: "error.bad_form")
        }
        do {
            _ = try await CaseService.moveStep(caseID: caseID, key: key, to: status, seenVersion: version, in: req.context())
        } catch let failure as CaseService.Failure {
            return try await answer(req, caseID: caseID, failure)
        }
        return req.redirect(to: SiteRoute.caseDetail(caseID).path(PageQuery(notice: .saved), fragment: "step-\(key.rawValue)"))
    }

    static func undoStep(_ req: Request) async throws -> Response {
        let caseID = try req.pageID(RouteParameter.caseID)
        guard let key = req.parameters.get(RouteParameter.stepKey).flatMap(StepKey.init(rawValue:)) else { throw PageError.notFound }
        // Undo is decided from the page's version, always: without a readable one it is not decided at all.
        guard let version = (try? req.content.decode(UndoForm.self))?.version.flatMap({ Int($0) }) else {
            throw PageError(status: .badRequest, messageKey: "error.bad_form")
        }
        do {
            _ = try await CaseService.undoDone(caseID: caseID, key: key, seenVersion: version, in: req.context())
        } catch let failure as CaseService.Failure {
            return try await answer(req, caseID: caseID, failure)
        }
        return req.redirect(to: SiteRoute.caseDetail(caseID).path(PageQuery(notice: .undone), fragment: "step-\(key.rawValue)"))
    }

    static func close(_ req: Request) async throws -> Response {
        let caseID = try req.pageID(RouteParameter.caseID)
        guard let form = try? req.content.decode(CloseForm.self), let version = form.version else {
            throw PageError(status: .badRequest, messageKey: "error.bad_form")
        }
        do {
            try await CaseService.close(caseID: caseID, personAgrees: form.personAgrees == true, seenVersion: version, in: req.context())
        } catch let failure as CaseService.Failure {
            return try await answer(req, caseID: caseID, failure)
        }
        return req.redirect(to: SiteRoute.caseDetail(caseID).path(PageQuery(notice: .saved)))
    }

    static func reopen(_ req: Request) async throws -> Response {
        let caseID = try req.pageID(RouteParameter.caseID)
        guard let version = (try? req.content.decode(ReopenForm.self))?.version else {
            throw PageError(status: .badRequest, messageKey: "error.bad_form")
        }
        do {
            try await CaseService.reopen(caseID: caseID, seenVersion: version, in: req.context())
        } catch let failure as CaseService.Failure {
            return try await answer(req, caseID: caseID, failure)
        }
        return req.redirect(to: SiteRoute.caseDetail(caseID).path(PageQuery(notice: .saved)))
    }

    /// A refused or lost change shows the case as it is now, with one calm sentence saying why nothing changed.
    private static func answer(_ req: Request, caseID: UUID, _ failure: CaseService.Failure) async throws -> Response {
        guard let sentence = failure.pageSentence else { throw failure.pageError }
        return try await render(req, caseID: caseID, flash: req.localizer(sentence), tone: .attention, status: .conflict)
    }

    static func render(_ req: Request, caseID: UUID, flash: String?, tone: PageChrome.Tone, status: HTTPResponseStatus) async throws -> Response {
        let loaded: CaseService.Loaded
        do {
            loaded = try await CaseService.view(caseID: caseID, in: req.context())
        } catch let failure as CaseService.Failure {
            throw failure.pageError
        }
        let user = try req.requireUser()
        let event = try await loaded.record.eventID.asyncMap { id in
            try await Event.query(on: req.db).filter(\.$id == id).filter(\.$organizationID == user.organizationID).first()
        } ?? nil
        // Only a recommended defusing step shows the reasons; a case without one costs no query for them.
        let reasons = try await event.asyncMap { event in
            loaded.steps.contains { $0.step.key == .defusing && $0.step.recommended }
                ? try await DefusingReason.labels(eventID: try event.requireID(), organizationID: user.organizationID, on: req.db) : []
        } ?? []
        // The leader's own records are shown to those who make them; the person sees the steps.
        let manages = AccessPolicy.decide(user.actor, .manageSteps, loaded.subject) == .allowed
        let recorded = manages ? try await FollowUps.recorded(caseID: caseID, organizationID: user.organizationID, on: req.db) : []
        // The person's consents decide what the owner sees of the follow-up; read once, for pathways after an event.
        let isPerson = loaded.record.personID == user.personID
        let consents = loaded.record.eventID == nil ? [:]
            : try await Consents.choices(of: loaded.record.personID, organizationID: user.organizationID, on: req.db)
        let consented = (consents[.attentionSignalToOwner] ?? ConsentChoices()).allows(caseID: caseID)
        let attention = loaded.record.attentionAt != nil && !isPerson
            && CheckInAccess.maySeeAttentionSignal(user.actor, loaded.subject, consented: consented)
        let earlierConsent = consents[.earlierCasesToOwner] ?? ConsentChoices()
        let earlier = loaded.record.eventID != nil
            && EarlierPathways.mayShow(user.actor, loaded.subject, consented: earlierConsent.allows(caseID: caseID))
            ? try await earlierPathways(of: loaded.record, forPerson: isPerson, on: req.db) : []
        // Read only for those who make the call: whether the defusing conversation left the person with nobody tonight.
        let callOpen = loaded.steps.contains { $0.step.key == .leaderSupport && $0.step.status.isOpen }
        let nobodyTonight = manages && !isPerson && callOpen ? try await event.asyncMap { event in
            try await req.db.sql().raw("""
                SELECT has_someone_tonight FROM \(ident: DefusingSchema.participants)
                WHERE organization_id = \(bind: user.organizationID) AND event_id = \(bind: try event.requireID()) AND person_id = \(bind: loaded.record.personID)
                """).first()?.decode(column: "has_someone_tonight", as: Bool.self) == false
        } ?? false : false
        var model = CaseDetailPageModel(loaded, event: event, defusingReasons: reasons, recorded: recorded, nobodyTonight: nobodyTonight, user: user,
                                        now: req.now, t: req.localizer, csrf: req.csrfToken)
        if attention {
            model.attention = req.localizer("case.attention", ["name": loaded.person.name])
            model.referral = try await referralForm(caseID: caseID, organizationID: user.organizationID, t: req.localizer, on: req.db)
        }
        if !earlier.isEmpty {
            var ownerConsent: (ownerName: String, given: Bool)?
            if isPerson, let owner = loaded.record.ownerID, owner != user.personID {
                let name = try await Person.query(on: req.db).filter(\.$id == owner).filter(\.$organizationID == user.organizationID).first()?.name
                ownerConsent = (name ?? "", earlierConsent.allows(caseID: caseID))
            }
            model.showEarlier(earlier, isPerson: isPerson, caseID: caseID, ownerConsent: ownerConsent, t: req.localizer)
        }
        if loaded.record.personID == user.personID, loaded.record.eventID != nil {
            model.checkInsLink = (req.localizer(loaded.record.attentionAt != nil ? "case.check_ins_help" : "case.check_ins_link"),
                                  SiteRoute.checkIns.path + "#pathway-\(caseID.uuidString)")
        }
        return Pages.respond(req, title: model.heading, current: nil, flash: flash, flashTone: tone, status: status,
                             main: CaseDetailPageView(model: model).main)
    }
}

extension CaseController {
    struct EarlierPathway {
        let id: UUID
        let eventAt: Date?
        let openedAt: Date
    }

    /// The person's pathways opened before this one; for a leader, never one the person kept from leaders.
    static func earlierPathways(of record: Case, forPerson: Bool, on db: any Database) async throws -> [EarlierPathway] {
        try await db.sql().raw("""
            SELECT c.id, c.opened_at, e.occurred_at FROM cases c
            LEFT JOIN events e ON e.id = c.event_id AND e.organization_id = c.organization_id
            WHERE c.organization_id = \(bind: record.organizationID) AND c.person_id = \(bind: record.personID) AND c.id <> \(bind: record.id ?? UUID())
              AND c.opened_at < \(bind: record.openedAt) AND (\(bind: forPerson) OR c.shared_with_leader = \(bind: true))
            ORDER BY c.opened_at DESC LIMIT 20
            """).all().map { row in
            EarlierPathway(id: try row.decode(column: "id", as: UUID.self), eventAt: try row.decode(column: "occurred_at", as: Date?.self),
                           openedAt: try row.decode(column: "opened_at", as: Date.self))
        }
    }

    /// The leader's referral form, offered with the attention signal: the person must have agreed.
    static func referralForm(caseID: UUID, organizationID: UUID, t: Localizer, on db: any Database) async throws -> CaseDetailPageModel.ReferralForm? {
        let services = try await Referrals.services(organizationID: organizationID, on: db)
        guard !services.isEmpty else { return nil }
        return CaseDetailPageModel.ReferralForm(
            route: .makeReferral(caseID), heading: t("referral.leader_heading"), serviceLabel: t("referral.service_label"),
            services: services.map { FormField.Option(value: $0.id.uuidString, label: "\($0.name) (\(t("service.kind.\($0.kind.rawValue)")))") },
            agreeLabel: t("referral.person_agrees"), submit: t("referral.submit"), submissionKey: Tokens.random())
    }
}

extension CaseService.Failure {
    var pageError: PageError {
        switch self {
        case .notFound, .unknownStep: .notFound
        case .forbidden: .forbidden
        case .refused, .lifecycle, .caseClosed, .stepChanged, .caseChanged, .undoNotPossible: PageError(status: .conflict, messageKey: pageSentence ?? "case.refused")
        }
    }

    /// The sentence shown above the case's fresh state when a change did not happen; nil when there is no page to show.
    var pageSentence: String? {
        switch self {
        case .notFound, .unknownStep, .forbidden: nil
        case .refused: "case.refused"
        case .lifecycle(.personHasNotAgreed): "case.close_needs_agreement"
        case .lifecycle: "case.refused"
        case .caseClosed: "case.closed_no_changes"
        case .stepChanged, .caseChanged: "case.changed_meanwhile"
        case .undoNotPossible: "case.undo_not_possible"
        }
    }
}

extension Request {
    /// A page's id parameter; anything that is not a UUID cannot name an object, so it answers 404.
    func pageID(_ name: String) throws -> UUID {
        guard let id = parameters.get(name).flatMap(UUID.init(uuidString:)) else { throw PageError.notFound }
        return id
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
