import Domain
import Fluent
import Vapor

/// The pages that set the scheme up: the coordinator's teams, rota and supporters, and a supporter's own
/// availability. Forms carry strings only, so anything a browser can send is read, checked and answered.
enum SchemeController {
    struct TeamForm: Content {
        var name: String?
        var scope: String?
        var unitId: String?
        var _submission: String?
    }

    struct ShiftForm: Content {
        var weekday: String?
        var start: String?
        var end: String?
        var supporterId: String?
        var _submission: String?
    }

    struct ChangeForm: Content {
        var kind: String?
        var from: String?
        var to: String?
        var supporterId: String?
        var _submission: String?
    }

    struct ResponseTimeForm: Content {
        var minutes: String?
        var shown: String?
    }

    struct CrisisContactsForm: Content {
        var emergency: String?
        var outOfHours: String?
        var shownEmergency: String?
        var shownOutOfHours: String?
    }

    struct SupporterForm: Content {
        var username: String?
        var _submission: String?
    }

    struct ProfileForm: Content {
        var version: String?
        var cap: String?
        var teams: [String]?
        var unitsServed: [String]?
        var languages: String?
        var trainedOn: String?
        var nextSupervisionAt: String?
    }

    struct LeaveForm: Content {
        var from: String?
        var to: String?
        var _submission: String?
    }

    // MARK: The scheme's overview

    static func showScheme(_ req: Request) async throws -> Response {
        try await renderScheme(req, flash: notice(req), tone: .success, status: .ok)
    }

    static func createTeam(_ req: Request) async throws -> Response {
        let form = (try? req.content.decode(TeamForm.self)) ?? TeamForm()
        return try await acting(req, onProblem: { try await renderScheme(req, flash: $0, tone: .attention, status: $1) }) {
            let outcome = try await SchemeEditing.createTeam(
                name: form.name, scope: form.scope.flatMap(TeamScope.init(rawValue:)), unitID: uuid(form.unitId),
                claim: Idempotency.formClaim(.formTeam, key: form._submission, at: req.url.path), in: try req.context())
            return req.redirect(to: location(outcome, fallback: SiteRoute.programScheme.path) + PageQuery(notice: .saved).queryString)
        }
    }

    static func setResponseTime(_ req: Request) async throws -> Response {
        let form = (try? req.content.decode(ResponseTimeForm.self)) ?? ResponseTimeForm()
        return try await acting(req, onProblem: { try await renderScheme(req, flash: $0, tone: .attention, status: $1) }) {
            try await SchemeEditing.setResponseTime(minutes: form.minutes.flatMap { Int($0) }, shown: form.shown.flatMap { Int($0) }, in: try req.context())
            return req.redirect(to: SiteRoute.programScheme.path(PageQuery(notice: .saved)))
        }
    }

    static func setCrisisContacts(_ req: Request) async throws -> Response {
        let form = (try? req.content.decode(CrisisContactsForm.self)) ?? CrisisContactsForm()
        return try await acting(req, onProblem: { try await renderScheme(req, flash: $0, tone: .attention, status: $1) }) {
            try await SchemeEditing.setCrisisContacts(emergency: form.emergency, outOfHours: form.outOfHours,
                                                      shown: (form.shownEmergency, form.shownOutOfHours), in: try req.context())
            return req.redirect(to: SiteRoute.programScheme.path(PageQuery(notice: .saved)))
        }
    }

    static func addSupporter(_ req: Request) async throws -> Response {
        let form = (try? req.content.decode(SupporterForm.self)) ?? SupporterForm()
        return try await acting(req, onProblem: { try await renderScheme(req, flash: $0, tone: .attention, status: $1) }) {
            let outcome = try await SchemeEditing.addSupporter(username: form.username, claim: Idempotency.formClaim(.formSupporter, key: form._submission, at: req.url.path),
                                                               in: try req.context())
            return req.redirect(to: location(outcome, fallback: SiteRoute.programScheme.path) + PageQuery(notice: .saved).queryString)
        }
    }

    struct ContactForm: Content {
        var username: String?
    }

    static func addProgramContact(_ req: Request) async throws -> Response {
        let form = (try? req.content.decode(ContactForm.self)) ?? ContactForm()
        return try await acting(req, onProblem: { try await renderScheme(req, flash: $0, tone: .attention, status: $1) }) {
            try await ProgramContacts.add(username: form.username, in: try req.context())
            return req.redirect(to: SiteRoute.programScheme.path(PageQuery(notice: .saved), fragment: "program-contacts"))
        }
    }

    static func removeProgramContact(_ req: Request) async throws -> Response {
        let person = try req.pageID(RouteParameter.personID)
        return try await acting(req, onProblem: { try await renderScheme(req, flash: $0, tone: .attention, status: $1) }) {
            try await ProgramContacts.remove(personID: person, in: try req.context())
            return req.redirect(to: SiteRoute.programScheme.path(PageQuery(notice: .removed), fragment: "program-contacts"))
        }
    }

    static func renderScheme(_ req: Request, flash: String?, tone: PageChrome.Tone, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayRunPeerSupport(user.actor) else { throw PageError.forbidden }
        let now = try req.context().now
        let teams = try await SchemeReads.teams(organizationID: user.organizationID, on: req.db)
        let program = try await SupporterDirectory.load(organizationID: user.organizationID, timeZone: user.timeZone, now: now, on: req.db)
        let units = try await SchemeReads.units(organizationID: user.organizationID, on: req.db)
        let settings = try await SchemeEditing.settings(organizationID: user.organizationID, on: req.db)
        try await AuditLog.record(req, .read, "peer_supporter_list", id: nil, subject: nil)
        var model = SchemePageModel(teams: teams, program: program, units: units, settings: settings, t: req.localizer, csrf: req.csrfToken,
                                    submissionKeys: (Tokens.random(), Tokens.random()))
        model.services = ServicesSectionModel(try await Referrals.services(organizationID: user.organizationID, on: req.db), t: req.localizer,
                                              submissionKey: Tokens.random())
        model.programContacts = ProgramContactsSectionModel(try await ProgramContacts.list(organizationID: user.organizationID, on: req.db),
                                                            t: req.localizer)
        model.checkInSchedule = CheckInScheduleSectionModel(try await CheckInSchedules.load(organizationID: user.organizationID, on: req.db), t: req.localizer)
        return Pages.respond(req, title: model.heading, current: .program, flash: flash, flashTone: tone, status: status,
                             main: SchemePageView(model: model).main)
    }

    // MARK: A team's rota

    static func showTeam(_ req: Request) async throws -> Response {
        try await renderTeam(req, id: try req.pageID(RouteParameter.teamID), flash: notice(req), tone: .success, status: .ok)
    }

    static func addShift(_ req: Request) async throws -> Response {
        let team = try req.pageID(RouteParameter.teamID)
        let form = (try? req.content.decode(ShiftForm.self)) ?? ShiftForm()
        return try await acting(req, onProblem: { try await renderTeam(req, id: team, flash: $0, tone: .attention, status: $1) }) {
            let outcome = try await SchemeEditing.addShift(
                teamID: team, weekday: form.weekday.flatMap { Int($0) }, start: form.start, end: form.end, supporterID: uuid(form.supporterId),
                claim: Idempotency.formClaim(.formShift, key: form._submission, at: req.url.path), in: try req.context())
            return req.redirect(to: location(outcome, fallback: SiteRoute.teamRota(team).path) + PageQuery(notice: .saved).queryString)
        }
    }

    static func addRotaChange(_ req: Request) async throws -> Response {
        let team = try req.pageID(RouteParameter.teamID)
        let user = try req.requireUser()
        let form = (try? req.content.decode(ChangeForm.self)) ?? ChangeForm()
        return try await acting(req, onProblem: { try await renderTeam(req, id: team, flash: $0, tone: .attention, status: $1) }) {
            let outcome = try await SchemeEditing.addRotaChange(
                teamID: team, kind: form.kind.flatMap(RotaException.Kind.init(rawValue:)),
                from: form.from.flatMap { LocalDateTime.parse($0, timeZone: user.timeZone) }, to: form.to.flatMap { LocalDateTime.parse($0, timeZone: user.timeZone) },
                supporterID: uuid(form.supporterId), claim: Idempotency.formClaim(.formRotaChange, key: form._submission, at: req.url.path), in: try req.context())
            return req.redirect(to: location(outcome, fallback: SiteRoute.teamRota(team).path) + PageQuery(notice: .saved).queryString)
        }
    }

    static func removeShift(_ req: Request) async throws -> Response {
        try await removing(req, .shift, id: try req.pageID(RouteParameter.shiftID))
    }

    static func removeRotaChange(_ req: Request) async throws -> Response {
        try await removing(req, .change, id: try req.pageID(RouteParameter.changeID))
    }

    /// Removing what is gone already (a second tap, another coordinator) is not an error: the page says it is gone.
    private static func removing(_ req: Request, _ part: SchemeEditing.RotaPart, id: UUID) async throws -> Response {
        try await acting(req, onProblem: { try await renderScheme(req, flash: $0, tone: .attention, status: $1) }) {
            let team = try await SchemeEditing.remove(part, id: id, in: try req.context())
            return req.redirect(to: (team.map { SiteRoute.teamRota($0).path } ?? SiteRoute.programScheme.path) + PageQuery(notice: .removed).queryString)
        }
    }

    private static func renderTeam(_ req: Request, id: UUID, flash: String?, tone: PageChrome.Tone, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        guard AccessPolicy.mayRunPeerSupport(user.actor) else { throw PageError.forbidden }
        guard let rota = try await SchemeReads.rota(teamID: id, organizationID: user.organizationID, now: try req.context().now, on: req.db)
        else { throw PageError.notFound }
        try await AuditLog.record(req, .read, "support_team", id: id, subject: nil)
        let model = TeamRotaPageModel(rota, t: req.localizer, csrf: req.csrfToken, submissionKeys: (Tokens.random(), Tokens.random()))
        return Pages.respond(req, title: model.heading, current: .program, flash: flash, flashTone: tone, status: status,
                             main: TeamRotaPageView(model: model).main)
    }

    // MARK: A supporter's profile and availability

    static func showProfile(_ req: Request) async throws -> Response {
        try await renderProfile(req, id: try req.pageID(RouteParameter.supporterID), flash: notice(req), tone: .success, status: .ok)
    }

    static func showOwnAvailability(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let profile = try await SchemeReads.profile(personID: user.personID, organizationID: user.organizationID, on: req.db) else {
            throw PageError(status: .notFound, messageKey: "availability.no_profile")
        }
        return try await renderProfile(req, id: profile.id, known: profile, flash: notice(req), tone: .success, status: .ok)
    }

    static func saveProfile(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.supporterID)
        let user = try req.requireUser()
        let form = (try? req.content.decode(ProfileForm.self)) ?? ProfileForm()
        return try await acting(req, onProblem: { try await renderProfile(req, id: id, flash: $0, tone: .attention, status: $1) }) {
            let context = try req.context()
            var change: SchemeEditing.ProfileChange?
            if AccessPolicy.mayRunPeerSupport(user.actor) {
                let ids = (form.teams ?? []) + (form.unitsServed ?? [])
                guard ids.allSatisfy({ UUID(uuidString: $0) != nil }) else { throw SchemeEditing.Failure.invalid(.unknownTeam) }
                change = SchemeEditing.ProfileChange(
                    teams: Set((form.teams ?? []).compactMap(UUID.init(uuidString:))),
                    unitsServed: Set((form.unitsServed ?? []).compactMap(UUID.init(uuidString:))),
                    languages: form.languages, trainedOn: try optionalDay(form.trainedOn, user.timeZone),
                    nextSupervisionAt: try optionalDay(form.nextSupervisionAt, user.timeZone))
            }
            try await SchemeEditing.updateProfile(id, version: form.version.flatMap { Int($0) }, cap: form.cap.flatMap { Int($0) }, change: change,
                                                  in: context)
            let profile = try await SchemeEditing.editableProfile(id, in: context)
            return req.redirect(to: SchemeEditing.availabilityPath(of: profile, for: context) + PageQuery(notice: .saved).queryString)
        }
    }

    static func addLeave(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.supporterID)
        let user = try req.requireUser()
        let form = (try? req.content.decode(LeaveForm.self)) ?? LeaveForm()
        return try await acting(req, onProblem: { try await renderProfile(req, id: id, flash: $0, tone: .attention, status: $1) }) {
            // Leave runs from the start of its first day to the end of its last, in the organization's time zone.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = user.timeZone
            let end = day(form.to, user.timeZone).flatMap { calendar.date(byAdding: .day, value: 1, to: $0) }
            let outcome = try await SchemeEditing.addLeave(supporterID: id, from: day(form.from, user.timeZone), to: end,
                                                           claim: Idempotency.formClaim(.formLeave, key: form._submission, at: req.url.path), in: try req.context())
            return req.redirect(to: location(outcome, fallback: SiteRoute.supporterProfile(id).path) + PageQuery(notice: .saved).queryString)
        }
    }

    static func removeLeave(_ req: Request) async throws -> Response {
        let id = try req.pageID(RouteParameter.leaveID)
        return try await acting(req, onProblem: { try await renderScheme(req, flash: $0, tone: .attention, status: $1) }) {
            let context = try req.context()
            guard let profile = try await SchemeEditing.removeLeave(id, in: context) else {
                let fallback = AccessPolicy.mayRunPeerSupport(context.user.actor) ? SiteRoute.programScheme.path : SiteRoute.myAvailability.path
                return req.redirect(to: fallback + PageQuery(notice: .removed).queryString)
            }
            return req.redirect(to: SchemeEditing.availabilityPath(of: profile, for: context) + PageQuery(notice: .removed).queryString)
        }
    }

    private static func renderProfile(_ req: Request, id: UUID, known: SchemeReads.Profile? = nil, flash: String?, tone: PageChrome.Tone,
                                      status: HTTPResponseStatus) async throws -> Response {
        let context = try req.context()
        let profile: SchemeReads.Profile
        do {
            if let known { profile = known } else { profile = try await SchemeEditing.editableProfile(id, in: context) }
        } catch SchemeEditing.Failure.forbidden {
            throw PageError.forbidden
        } catch SchemeEditing.Failure.notFound {
            throw PageError.notFound
        }
        let isCoordinator = AccessPolicy.mayRunPeerSupport(context.user.actor)
        let isOwn = profile.personID == context.user.personID && !isCoordinator
        let teams = isCoordinator ? try await SchemeReads.teams(organizationID: context.user.organizationID, on: req.db) : []
        let units = isCoordinator ? try await SchemeReads.units(organizationID: context.user.organizationID, on: req.db) : nil
        let leave = try await SchemeReads.leave(supporterID: profile.id, organizationID: context.user.organizationID, now: context.now, on: req.db)
        let load = try await SchemeReads.load(supporterID: profile.id, organizationID: context.user.organizationID, on: req.db)
        try await context.audit(.read, "supporter_profile", id: profile.id, subject: profile.personID)
        let model = SupporterProfilePageModel(profile, load: load, leave: leave, teams: teams, units: units, isOwn: isOwn, timeZone: context.user.timeZone,
                                              t: req.localizer, csrf: req.csrfToken, submissionKey: Tokens.random())
        return Pages.respond(req, title: model.heading, current: isOwn ? .supportRequests : .program, flash: flash, flashTone: tone, status: status,
                             main: SupporterProfilePageView(model: model).main)
    }

    // MARK: Shared

    /// Runs a change and turns what a user can cause into a page: a problem or a stale form is said calmly on the
    /// page it came from (which shows the fresh state); a forbidden or unknown object is an error page.
    private static func acting(_ req: Request, onProblem: (String, HTTPResponseStatus) async throws -> Response,
                               _ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let failure as SchemeEditing.Failure {
            switch failure {
            case .forbidden: throw PageError.forbidden
            case .notFound: throw PageError.notFound
            case .invalid(let problem): return try await onProblem(req.localizer("scheme.problem.\(problem.rawValue)"), .unprocessableEntity)
            case .changed: return try await onProblem(req.localizer("scheme.changed"), .conflict)
            }
        }
    }

    private static func notice(_ req: Request) -> String? {
        switch PageQuery(req).notice {
        case .saved: req.localizer("scheme.saved")
        case .removed: req.localizer("scheme.removed")
        default: nil
        }
    }

    private static func location(_ outcome: Idempotency.Outcome<UUID>, fallback: String) -> String {
        switch outcome {
        case .created(_, let answer), .repeated(let answer): answer.location ?? fallback
        }
    }

    private static func uuid(_ text: String?) -> UUID? { text.flatMap(UUID.init(uuidString:)) }

    /// A date field that may be left empty (nil); anything else must be a date, or nothing is saved.
    private static func optionalDay(_ text: String?, _ timeZone: TimeZone) throws -> Date? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let date = day(text, timeZone) else { throw SchemeEditing.Failure.invalid(.date) }
        return date
    }

    /// A `yyyy-MM-dd` date as the start of that day in the organization's time zone.
    private static func day(_ text: String?, _ timeZone: TimeZone) -> Date? {
        guard let text, text.count == 10, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else { return nil }
        return LocalDateTime.parse(text + "T00:00", timeZone: timeZone)
    }
}
