import Domain
import Fluent
import SQLKit
import Vapor

/// The quality advisor's pages: the reviews and their proposals; and the page where someone who proposed
/// something reads the answer.
enum ReviewsController {
    /// An event that has no review yet, for the form that registers one.
    struct Reviewable: Sendable {
        let id: UUID
        let kind: EventKind
        let occurredAt: Date
        let unitName: String
    }

    struct CreateForm: Content {
        var eventId: String?
        var facilitator: String?
        var scheduledAt: String?
        var _submission: String?
    }

    struct ProposalForm: Content {
        var text: String?
        var proposedBy: String?
        var _submission: String?
    }

    struct ConclusionForm: Content {
        var conclusion: String?
    }

    struct FamilyForm: Content {
        var heldAt: String?
        var kind: String?
        var roles: [String]?
        var supportPerson: String?
        var proposals: [String]?
    }

    static func conclude(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.reviewID)
        let form = (try? req.content.decode(ConclusionForm.self)) ?? ConclusionForm()
        guard let conclusion = form.conclusion.flatMap(ReviewConclusion.init(rawValue:)) else {
            return try await renderReview(req, id: id, flash: req.localizer("review.problem.conclusion"), tone: .attention, status: .unprocessableEntity)
        }
        do {
            try await FamilyMeetings.conclude(reviewID: id, conclusion, in: req.context())
        } catch let failure as FamilyMeetings.Failure {
            throw failure.pageError
        }
        return req.redirect(to: SiteRoute.review(id).path(PageQuery(notice: .saved)))
    }

    static func familyMeeting(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.reviewID)
        let form = (try? req.content.decode(FamilyForm.self)) ?? FamilyForm()
        let context = try req.context()
        // The review page's forms are the quality advisor's; the event's leaders read it.
        guard AccessPolicy.mayRunReviews(context.user.actor) else { throw PageError.forbidden }
        let t = req.localizer
        let review: LearningReviews.Review
        do {
            (review, _) = try await LearningReviews.detail(id, in: context)
        } catch let failure as LearningReviews.Failure {
            throw failure.pageError
        }
        let support = form.supportPerson.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let supportID = try await support.asyncMap { try await person(username: $0, in: context) } ?? nil
        let roles = (form.roles ?? []).map(AttendeeRole.init(rawValue:))
        let proposals = (form.proposals ?? []).map(UUID.init(uuidString:))
        guard let heldAt = form.heldAt.flatMap({ LocalDateTime.parse($0, timeZone: context.user.timeZone) }),
              let kind = form.kind.flatMap(FamilyMeetingKind.init(rawValue:)), !roles.contains(nil), !proposals.contains(nil),
              support == nil || supportID != nil
        else {
            return try await renderReview(req, id: id, flash: t("family.problem.unreadable"), tone: .attention, status: .unprocessableEntity)
        }
        do {
            _ = try await FamilyMeetings.record(eventID: review.eventID, heldAt: heldAt, kind: kind, roles: Set(roles.compactMap { $0 }), supportPersonID: supportID,
                                                proposalIDs: Set(proposals.compactMap { $0 }), claim: nil,
                                                answer: { _ in Idempotency.Answer(status: 303, location: nil, body: nil) }, in: context)
        } catch let failure as FamilyMeetings.Failure {
            switch failure {
            case .invalid(let problem):
                return try await renderReview(req, id: id, flash: t("family.problem.\(problem.rawValue)"), tone: .attention, status: .unprocessableEntity)
            case .unknownProposal:
                return try await renderReview(req, id: id, flash: t("family.problem.unreadable"), tone: .attention, status: .unprocessableEntity)
            case .alreadyRecorded:
                return try await renderReview(req, id: id, flash: t("family.already_recorded"), tone: .attention, status: .conflict)
            default: throw failure.pageError
            }
        }
        return req.redirect(to: SiteRoute.review(id).path(PageQuery(notice: .familyMeeting)))
    }

    struct AnswerForm: Content {
        var answer: String?
        var reason: String?
        var version: String?
    }

    /// The events of the last year without a review, newest first, in one query.
    static func query(organizationID: UUID, now: Date, on db: any Database) async throws -> [Reviewable] {
        try await db.sql().raw("""
            SELECT e.id, e.kind, e.occurred_at, u.name FROM events e
            JOIN units u ON u.organization_id = e.organization_id AND u.id = e.unit_id
            WHERE e.organization_id = \(bind: organizationID) AND e.occurred_at > \(bind: now.addingTimeInterval(-366 * 86_400))
              AND NOT EXISTS (SELECT 1 FROM \(ident: ReviewSchema.reviews) r WHERE r.organization_id = e.organization_id AND r.event_id = e.id)
            ORDER BY e.occurred_at DESC, e.id
            LIMIT 200
            """).all().map { row in
            Reviewable(id: try row.decode(column: "id", as: UUID.self), kind: try row.decode(column: "kind", as: EventKind.self),
                       occurredAt: try row.decode(column: "occurred_at", as: Date.self), unitName: try row.decode(column: "name", as: String.self))
        }
    }

    static func list(_ req: Request) async throws -> Response {
        try await renderList(req, flash: PageQuery(req).notice == .saved ? req.localizer("scheme.saved") : nil, tone: .success, status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let form = (try? req.content.decode(CreateForm.self)) ?? CreateForm()
        let context = try req.context()
        let t = req.localizer
        let facilitator = try await person(username: form.facilitator, in: context)
        guard let eventID = form.eventId.flatMap(UUID.init(uuidString:)), let facilitator,
              let scheduled = form.scheduledAt.flatMap({ LocalDateTime.parse($0, timeZone: context.user.timeZone) })
        else {
            return try await renderList(req, flash: t("reviews.problem.unreadable"), tone: .attention, status: .unprocessableEntity)
        }
        do {
            let outcome = try await LearningReviews.create(eventID: eventID, facilitatorID: facilitator, scheduledAt: scheduled,
                                                           claim: Idempotency.formClaim(.formReview, key: form._submission, at: req.url.path),
                                                           answer: { Idempotency.Answer(status: 303, location: SiteRoute.review($0).path, body: nil) },
                                                           in: context)
            let location = switch outcome {
            case .created(_, let answer), .repeated(let answer): answer.location ?? SiteRoute.reviews.path
            }
            return req.redirect(to: location + PageQuery(notice: .saved).queryString)
        } catch let failure as LearningReviews.Failure {
            return try await renderList(req, flash: try sentence(failure, t), tone: .attention, status: status(failure))
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let flash: String? = switch PageQuery(req).notice {
        case .saved: req.localizer("scheme.saved")
        case .familyMeeting: req.localizer("family.recorded")
        default: nil
        }
        return try await renderReview(req, id: try req.pageID(RouteParameter.reviewID), flash: flash, tone: .success, status: .ok)
    }

    static func addProposal(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.reviewID)
        let form = (try? req.content.decode(ProposalForm.self)) ?? ProposalForm()
        let context = try req.context()
        guard let proposer = try await person(username: form.proposedBy, in: context) else {
            return try await renderReview(req, id: id, flash: req.localizer("review.problem.proposer"), tone: .attention, status: .unprocessableEntity)
        }
        do {
            _ = try await LearningReviews.addProposal(reviewID: id, text: form.text ?? "", proposedBy: proposer,
                                                      claim: Idempotency.formClaim(.formProposal, key: form._submission, at: req.url.path),
                                                      answer: { _ in Idempotency.Answer(status: 303, location: SiteRoute.review(id).path, body: nil) }, in: context)
            return req.redirect(to: SiteRoute.review(id).path(PageQuery(notice: .saved)))
        } catch let failure as LearningReviews.Failure {
            return try await renderReview(req, id: id, flash: try sentence(failure, req.localizer), tone: .attention, status: status(failure))
        }
    }

    static func answer(_ req: Request) async throws -> Response {
        let proposalID = try req.pageID(RouteParameter.proposalID)
        let form = (try? req.content.decode(AnswerForm.self)) ?? AnswerForm()
        let context = try req.context()
        guard AccessPolicy.mayRunReviews(context.user.actor) else { throw PageError.forbidden }
        guard let current = try await LearningReviews.proposals(where: "x.id = \(bind: proposalID)", in: context).first else { throw PageError.notFound }
        let version = form.version.flatMap { Int($0) }
        guard let answer = form.answer.flatMap(ProposalAnswer.init(rawValue:)), form.version == nil || version != nil else {
            return try await renderReview(req, id: current.reviewID, flash: req.localizer("review.problem.answer"), tone: .attention,
                                          status: .unprocessableEntity)
        }
        do {
            _ = try await LearningReviews.answer(reviewID: nil, proposalID: proposalID, answer, reason: form.reason, version: version, in: context)
            return req.redirect(to: SiteRoute.review(current.reviewID).path(PageQuery(notice: .saved)))
        } catch let failure as LearningReviews.Failure {
            return try await renderReview(req, id: current.reviewID, flash: try sentence(failure, req.localizer), tone: .attention, status: status(failure))
        }
    }

    static func proposal(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.proposalID)
        do {
            let proposal = try await LearningReviews.proposalForProposer(id, in: req.context())
            let model = ProposalPageModel(proposal, t: req.localizer)
            return Pages.respond(req, title: model.heading, current: nil, main: ProposalPageView(model: model).main)
        } catch let failure as LearningReviews.Failure {
            throw failure.pageError
        }
    }

    private static func renderList(_ req: Request, flash: String?, tone: PageChrome.Tone, status: HTTPResponseStatus) async throws -> Response {
        let context = try req.context()
        let reviews: [LearningReviews.Review]
        do {
            reviews = try await LearningReviews.list(unanswered: false, in: context)
        } catch let failure as LearningReviews.Failure {
            throw failure.pageError
        }
        let events = try await query(organizationID: context.user.organizationID, now: context.now, on: req.db)
        try await context.audit(.read, "learning_review_list", id: nil, subject: nil)
        let model = ReviewsPageModel(reviews, events: events, now: context.now, t: req.localizer, csrf: req.csrfToken, submissionKey: Tokens.random())
        return Pages.respond(req, title: model.heading, current: .reviews, flash: flash, flashTone: tone, status: status, main: ReviewsPageView(model: model).main)
    }

    private static func renderReview(_ req: Request, id: UUID, flash: String?, tone: PageChrome.Tone, status: HTTPResponseStatus) async throws -> Response {
        let context = try req.context()
        let review: LearningReviews.Review, proposals: [LearningReviews.Proposal]
        do {
            (review, proposals) = try await LearningReviews.detail(id, in: context)
        } catch let failure as LearningReviews.Failure {
            throw failure.pageError
        }
        try await context.audit(reads: [("learning_review", id, nil)] + proposals.map { ("review_proposal", $0.id, $0.proposedBy) })
        let model = ReviewPageModel(review, proposals: proposals, editable: AccessPolicy.mayRunReviews(context.user.actor), now: context.now, t: req.localizer,
                                    csrf: req.csrfToken, submissionKey: Tokens.random())
        return Pages.respond(req, title: model.heading, current: .reviews, flash: flash, flashTone: tone, status: status, main: ReviewPageView(model: model).main)
    }

    /// A person of the organization by their user name.
    private static func person(username: String?, in context: ServiceContext) async throws -> UUID? {
        let name = (username ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else { return nil }
        return try await Account.query(on: context.db).filter(\.$organizationID == context.user.organizationID).filter(\.$username == name).first()?.personID
    }

    private static func sentence(_ failure: LearningReviews.Failure, _ t: Localizer) throws -> String {
        switch failure {
        case .notFound: t("reviews.problem.unreadable")
        case .forbidden: throw PageError.forbidden
        case .exists: t("reviews.problem.exists")
        case .changed: t("review.problem.changed")
        case .invalid(let problem): t("review.problem.\(problem.rawValue)")
        }
    }

    private static func status(_ failure: LearningReviews.Failure) -> HTTPResponseStatus {
        switch failure {
        case .exists, .changed, .invalid(.supportsInvolvedPerson), .invalid(.alreadyAnswered), .invalid(.facilitatorInvolved): .conflict
        default: .unprocessableEntity
        }
    }
}

extension LearningReviews.Failure {
    var pageError: PageError {
        switch self {
        case .forbidden: .forbidden
        default: .notFound
        }
    }
}

extension FamilyMeetings.Failure {
    var pageError: PageError {
        switch self {
        case .forbidden: .forbidden
        default: .notFound
        }
    }
}
