import Domain
import Fluent
import Vapor

enum CaseController {
    struct StepForm: Content {
        var status: String?
    }

    struct CloseForm: Content {
        var personAgrees: Bool?
    }

    static func show(_ req: Request) async throws -> Response {
        let caseID = try req.pageID(RouteParameter.caseID)
        let flash = req.query[String.self, at: "saved"].map { req.localizer($0 == "request" ? "request.sent" : "case.saved") }
        return try await render(req, caseID: caseID, flash: flash, status: .ok)
    }

    static func moveStep(_ req: Request) async throws -> Response {
        let caseID = try req.pageID(RouteParameter.caseID)
        let key = req.parameters.get(RouteParameter.stepKey) ?? ""
        guard let status = try req.content.decode(StepForm.self).status.flatMap(StepStatus.init(rawValue:)) else {
            throw PageError(status: .badRequest, messageKey: "error.bad_form")
        }
        do {
            _ = try await CaseService.moveStep(caseID: caseID, key: key, to: status, on: req)
        } catch CaseService.Failure.refused {
            return try await render(req, caseID: caseID, flash: req.localizer("case.refused"), status: .conflict)
        } catch let failure as CaseService.Failure {
            throw failure.pageError
        }
        return req.redirect(to: SiteRoute.caseDetail(caseID).path + "?saved=\(key)#step-\(key)")
    }

    static func close(_ req: Request) async throws -> Response {
        let caseID = try req.pageID(RouteParameter.caseID)
        let agrees = (try? req.content.decode(CloseForm.self).personAgrees) ?? false
        do {
            try await CaseService.close(caseID: caseID, personAgrees: agrees == true, on: req)
        } catch CaseService.Failure.lifecycle(let refusal) {
            let key = refusal == .personHasNotAgreed ? "case.close_needs_agreement" : "case.refused"
            return try await render(req, caseID: caseID, flash: req.localizer(key), status: .conflict)
        } catch let failure as CaseService.Failure {
            throw failure.pageError
        }
        return req.redirect(to: SiteRoute.caseDetail(caseID).path + "?saved=case")
    }

    static func reopen(_ req: Request) async throws -> Response {
        let caseID = try req.pageID(RouteParameter.caseID)
        do {
            try await CaseService.reopen(caseID: caseID, on: req)
        } catch CaseService.Failure.lifecycle {
            return try await render(req, caseID: caseID, flash: req.localizer("case.refused"), status: .conflict)
        } catch let failure as CaseService.Failure {
            throw failure.pageError
        }
        return req.redirect(to: SiteRoute.caseDetail(caseID).path + "?saved=case")
    }

    private static func render(_ req: Request, caseID: UUID, flash: String?, status: HTTPResponseStatus) async throws -> Response {
        let loaded: CaseService.Loaded
        do {
            loaded = try await CaseService.view(caseID: caseID, on: req)
        } catch let failure as CaseService.Failure {
            throw failure.pageError
        }
        let user = try req.requireUser()
        let event = try await loaded.record.eventID.asyncMap { id in
            try await Event.query(on: req.db).filter(\.$id == id).filter(\.$organizationID == user.organizationID).first()
        } ?? nil
        let model = CaseDetailPageModel.make(loaded, event: event, user: user, now: req.now, t: req.localizer, csrf: req.csrfToken)
        return Pages.respond(req, title: model.heading, current: nil, flash: flash, status: status, main: CaseDetailPageView(model: model).main)
    }
}

extension CaseService.Failure {
    var pageError: PageError {
        switch self {
        case .notFound, .unknownStep: .notFound
        case .forbidden: .forbidden
        case .refused, .lifecycle: PageError(status: .conflict, messageKey: "case.refused")
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

extension CaseDetailPageModel {
    static func make(_ loaded: CaseService.Loaded, event: Event?, user: CurrentUser, now: Date, t: Localizer, csrf: String) -> CaseDetailPageModel {
        let isPerson = loaded.record.personID == user.personID
        let caseID = loaded.record.id ?? .routePlaceholder
        let closed = loaded.record.caseStatus == .closed
        let steps = loaded.steps.compactMap(\.step)
        let cards: [StepCardModel] = steps.map { step in
            let actions: [StepCardModel.Action] = closed ? [] : StepStatus.allCases.filter { next in
                step.status.canMove(to: next) && AccessPolicy.mayMoveStep(user.actor, loaded.subject, to: next) == .allowed
            }.map { next in
                StepCardModel.Action(label: t.action(next, from: step.status, forPerson: isPerson), status: next.rawValue,
                                     isPrimary: next == .done || next == .accepted)
            }
            return StepCardModel(
                key: step.key.rawValue,
                title: t.stepTitle(step.key, forPerson: isPerson),
                description: t.stepDescription(step.key, forPerson: isPerson),
                statusLabel: t.status(step.status),
                statusClass: "status-\(step.status.rawValue)",
                dueText: step.status.isOpen ? step.dueAt.map(t.due) : nil,
                // Leaders need the warning; the person themself is never pressed about an offer they have not answered.
                overdueLabel: !isPerson && step.isOverdue(now: now) ? t("step.overdue") : nil,
                recommendation: step.recommended && step.key == .defusing
                    ? t.defusingRecommendation(event?.defusingRecommendedBy ?? [])
                    : nil,
                doneText: step.doneAt.map { t("step.done_at", ["time": t.dateTime($0)]) },
                actions: actions,
                actionRoute: .caseStep(caseID, step.key))
        }
        let phases = Phase.allCases.map { phase in
            PhaseSection(title: t("phase.\(phase.rawValue)"), steps: zip(steps, cards).filter { $0.0.phase == phase }.map(\.1))
        }.filter { !$0.steps.isEmpty }
        let subtitle = event.map { t("case.from_event", ["kind": t.kind($0.eventKind), "date": t.dateTime($0.occurredAt)]) }
            ?? t("case.self_referral", ["date": t.dateTime(loaded.record.openedAt)])
        let mayClose = AccessPolicy.decide(user.actor, .close, loaded.subject) == .allowed
        let mayReopen = AccessPolicy.decide(user.actor, .reopen, loaded.subject) == .allowed
        return CaseDetailPageModel(
            heading: isPerson ? t("case.heading.own") : t("case.heading", ["name": loaded.person.name]),
            subtitle: subtitle,
            statusLabel: t("case.status.\(loaded.record.caseStatus.rawValue)"),
            eventLink: event.flatMap { event in
                AccessPolicy.mayViewEvent(user.actor, EventSubject(organizationID: event.organizationID, unitID: event.unitID)) == .allowed
                    ? (t("case.open_event"), SiteRoute.event(event.id ?? .routePlaceholder)) : nil
            },
            phases: phases,
            closeForm: !closed && mayClose ? (SiteRoute.closeCase(caseID), t("case.close.agree"), t("case.close.submit")) : nil,
            reopenForm: closed && mayReopen ? (SiteRoute.reopenCase(caseID), t("case.reopen.submit"), t("case.reopen.hint")) : nil,
            csrf: csrf)
    }
}
