import Domain
import Foundation
import Vapor

/// Every page and form target of the web interface. Routes are registered from these cases and every link
/// is built from them, so a link cannot point where no route is.
enum SiteRoute: RouteDescribing, Equatable {
    case home
    case login
    case logout
    case mySupport
    case requestSupport
    case supportRequests
    case supportRequest(UUID)
    case chooseSupporter(UUID)
    case acceptSupportRequest(UUID)
    case passSupportRequest(UUID)
    case logContact(UUID)
    case declineSupportRequest(UUID)
    case reopenSupportRequest(UUID)
    case proposeHandover(UUID)
    case answerHandover(UUID)
    case program
    /// The coordinator's choice of supporter for one waiting request (only those the matching allows), and
    /// offering it.
    case assignSupporter(UUID)
    case programScheme
    case setResponseTime
    case setCrisisContacts
    case createTeam
    case teamRota(UUID)
    case addShift(UUID)
    case addRotaChange(UUID)
    case removeShift(UUID)
    case removeRotaChange(UUID)
    case addSupporter
    case supporterProfile(UUID)
    case addLeave(UUID)
    case removeLeave(UUID)
    case myAvailability
    case reviews
    case review(UUID)
    case addProposal(UUID)
    case concludeReview(UUID)
    case recordFamilyMeeting(UUID)
    case proposal(UUID)
    case answerProposal(UUID)
    case referrals
    case tasks
    case newEvent
    case event(UUID)
    case defusing(UUID)
    case caseDetail(UUID)
    case events
    case correctEvent(UUID)
    case caseStep(UUID, StepKey)
    case undoStep(UUID, StepKey)
    case closeCase(UUID)
    case reopenCase(UUID)
    case supportOnBehalf(UUID)
    case recordLeaderContact(UUID)
    case recordMeeting(UUID)
    case recordAdjustment(UUID)
    case reportingHelp(UUID)
    case inbox
    case markRead(UUID)
    case markAllRead
    case language
    case stylesheet
    case script
    case health
    case metrics
    case notificationSettings
    case parkedJobs
    case retryJob(UUID)
    case checkIns
    case checkIn(UUID)
    case skipCheckIn(UUID)
    case checkInPlan(UUID)
    case recordConsent
    case makeReferral(UUID)
    case referralContacted(UUID)
    /// A one-time link where a new account's holder chooses their password; the token is the link's secret.
    case accountSetup(String)
    /// The second step of signing in: the code from the authenticator app, or setting the app up.
    case signInCode
    case passwordReset
    case organization
    case people
    case invitePerson(UUID)
    case resetTwoFactor(UUID)
    case sessions
    case twoFactorSettings
    case endSession(UUID)
    case addService
    case addProgramContact
    case removeProgramContact(UUID)
    case setCheckInSchedule
    /// HR files: upload (POST) and the page with both forms (GET); a held file's preview, and applying it.
    case imports
    case importPreview(UUID)
    case applyImport(UUID)
    /// How the HR export names its columns, and how its titles map onto professions.
    case importSettings
    case addTitleMapping
    case removeTitleMapping(UUID)
    /// One person as the administrator manages them: roles, leader scope, active or not.
    case managePerson(UUID)
    case saveAccess(UUID)
    case setActive(UUID)
    case organizationSettings
    /// Leaving for the organization's identity provider, and coming back from it.
    case singleSignOn(UUID)
    case singleSignOnCallback

    var segments: [RouteSegment] {
        switch self {
        case .home: []
        case .login: [.fixed("login")]
        case .logout: [.fixed("logout")]
        case .mySupport: [.fixed("support")]
        case .requestSupport: [.fixed("support"), .fixed("request")]
        case .supportRequests: [.fixed("support"), .fixed("requests")]
        case .supportRequest(let id): [.fixed("support"), .fixed("requests"), .parameter(RouteParameter.requestID, value: id.uuidString)]
        case .chooseSupporter(let id):
            [.fixed("support"), .fixed("requests"), .parameter(RouteParameter.requestID, value: id.uuidString), .fixed("choose")]
        case .acceptSupportRequest(let id):
            [.fixed("support"), .fixed("requests"), .parameter(RouteParameter.requestID, value: id.uuidString), .fixed("accept")]
        case .passSupportRequest(let id):
            [.fixed("support"), .fixed("requests"), .parameter(RouteParameter.requestID, value: id.uuidString), .fixed("pass")]
        case .logContact(let id):
            [.fixed("support"), .fixed("requests"), .parameter(RouteParameter.requestID, value: id.uuidString), .fixed("contacts")]
        case .declineSupportRequest(let id):
            [.fixed("support"), .fixed("requests"), .parameter(RouteParameter.requestID, value: id.uuidString), .fixed("decline")]
        case .reopenSupportRequest(let id):
            [.fixed("support"), .fixed("requests"), .parameter(RouteParameter.requestID, value: id.uuidString), .fixed("reopen")]
        case .proposeHandover(let id):
            [.fixed("support"), .fixed("requests"), .parameter(RouteParameter.requestID, value: id.uuidString), .fixed("handover")]
        case .answerHandover(let id):
            [.fixed("support"), .fixed("requests"), .parameter(RouteParameter.requestID, value: id.uuidString), .fixed("handover"), .fixed("answer")]
        case .program: [.fixed("program")]
        case .assignSupporter(let id):
            [.fixed("program"), .fixed("requests"), .parameter(RouteParameter.requestID, value: id.uuidString), .fixed("assign")]
        case .programScheme: [.fixed("program"), .fixed("scheme")]
        case .setResponseTime: [.fixed("program"), .fixed("scheme"), .fixed("response-time")]
        case .setCrisisContacts: [.fixed("program"), .fixed("scheme"), .fixed("crisis-contacts")]
        case .createTeam: [.fixed("program"), .fixed("teams")]
        case .teamRota(let id): [.fixed("program"), .fixed("teams"), .parameter(RouteParameter.teamID, value: id.uuidString)]
        case .addShift(let id): [.fixed("program"), .fixed("teams"), .parameter(RouteParameter.teamID, value: id.uuidString), .fixed("shifts")]
        case .addRotaChange(let id): [.fixed("program"), .fixed("teams"), .parameter(RouteParameter.teamID, value: id.uuidString), .fixed("changes")]
        case .removeShift(let id): [.fixed("program"), .fixed("shifts"), .parameter(RouteParameter.shiftID, value: id.uuidString), .fixed("remove")]
        case .removeRotaChange(let id):
            [.fixed("program"), .fixed("changes"), .parameter(RouteParameter.changeID, value: id.uuidString), .fixed("remove")]
        case .addSupporter: [.fixed("program"), .fixed("supporters")]
        case .supporterProfile(let id): [.fixed("program"), .fixed("supporters"), .parameter(RouteParameter.supporterID, value: id.uuidString)]
        case .addLeave(let id): [.fixed("program"), .fixed("supporters"), .parameter(RouteParameter.supporterID, value: id.uuidString), .fixed("leave")]
        case .removeLeave(let id): [.fixed("program"), .fixed("leave"), .parameter(RouteParameter.leaveID, value: id.uuidString), .fixed("remove")]
        case .myAvailability: [.fixed("support"), .fixed("availability")]
        case .reviews: [.fixed("reviews")]
        case .review(let id): [.fixed("reviews"), .parameter(RouteParameter.reviewID, value: id.uuidString)]
        case .addProposal(let id): [.fixed("reviews"), .parameter(RouteParameter.reviewID, value: id.uuidString), .fixed("proposals")]
        case .concludeReview(let id): [.fixed("reviews"), .parameter(RouteParameter.reviewID, value: id.uuidString), .fixed("conclusion")]
        case .recordFamilyMeeting(let id): [.fixed("reviews"), .parameter(RouteParameter.reviewID, value: id.uuidString), .fixed("family-meeting")]
        case .proposal(let id): [.fixed("proposals"), .parameter(RouteParameter.proposalID, value: id.uuidString)]
        case .answerProposal(let id): [.fixed("proposals"), .parameter(RouteParameter.proposalID, value: id.uuidString), .fixed("answer")]
        case .referrals: [.fixed("referrals")]
        case .tasks: [.fixed("tasks")]
        case .newEvent: [.fixed("events"), .fixed("new")]
        case .event(let id): [.fixed("events"), .parameter(RouteParameter.eventID, value: id.uuidString)]
        case .defusing(let id): [.fixed("events"), .parameter(RouteParameter.eventID, value: id.uuidString), .fixed("defusing")]
        case .events: [.fixed("events")]
        case .correctEvent(let id): [.fixed("events"), .parameter(RouteParameter.eventID, value: id.uuidString), .fixed("correct")]
        case .caseDetail(let id): [.fixed("cases"), .parameter(RouteParameter.caseID, value: id.uuidString)]
        case .caseStep(let id, let key):
            [.fixed("cases"), .parameter(RouteParameter.caseID, value: id.uuidString), .fixed("steps"),
             .parameter(RouteParameter.stepKey, value: key.rawValue)]
        case .undoStep(let id, let key):
            [.fixed("cases"), .parameter(RouteParameter.caseID, value: id.uuidString), .fixed("steps"),
             .parameter(RouteParameter.stepKey, value: key.rawValue), .fixed("undo")]
        case .closeCase(let id): [.fixed("cases"), .parameter(RouteParameter.caseID, value: id.uuidString), .fixed("close")]
        case .reopenCase(let id): [.fixed("cases"), .parameter(RouteParameter.caseID, value: id.uuidString), .fixed("reopen")]
        case .supportOnBehalf(let id): [.fixed("cases"), .parameter(RouteParameter.caseID, value: id.uuidString), .fixed("peer-support")]
        case .recordLeaderContact(let id): [.fixed("cases"), .parameter(RouteParameter.caseID, value: id.uuidString), .fixed("contacts")]
        case .recordMeeting(let id): [.fixed("cases"), .parameter(RouteParameter.caseID, value: id.uuidString), .fixed("meetings")]
        case .recordAdjustment(let id): [.fixed("cases"), .parameter(RouteParameter.caseID, value: id.uuidString), .fixed("adjustments")]
        case .reportingHelp(let id): [.fixed("cases"), .parameter(RouteParameter.caseID, value: id.uuidString), .fixed("reporting-help")]
        case .inbox: [.fixed("inbox")]
        case .markRead(let id): [.fixed("inbox"), .parameter(RouteParameter.messageID, value: id.uuidString), .fixed("read")]
        case .markAllRead: [.fixed("inbox"), .fixed("read")]
        case .language: [.fixed("language")]
        case .stylesheet: [.fixed("static"), .fixed("app.css")]
        case .script: [.fixed("static"), .fixed("app.js")]
        case .health: [.fixed("health")]
        case .metrics: [.fixed("metrics")]
        case .notificationSettings: [.fixed("settings"), .fixed("notifications")]
        case .parkedJobs: [.fixed("admin"), .fixed("jobs")]
        case .retryJob(let id): [.fixed("admin"), .fixed("jobs"), .parameter(RouteParameter.jobID, value: id.uuidString), .fixed("retry")]
        case .checkIns: [.fixed("check-ins")]
        case .checkIn(let id): [.fixed("check-ins"), .parameter(RouteParameter.checkInID, value: id.uuidString)]
        case .skipCheckIn(let id): [.fixed("check-ins"), .parameter(RouteParameter.checkInID, value: id.uuidString), .fixed("skip")]
        case .checkInPlan(let id): [.fixed("cases"), .parameter(RouteParameter.caseID, value: id.uuidString), .fixed("check-ins")]
        case .recordConsent: [.fixed("settings"), .fixed("consents")]
        case .makeReferral(let id): [.fixed("cases"), .parameter(RouteParameter.caseID, value: id.uuidString), .fixed("referrals")]
        case .signInCode: [.fixed("login"), .fixed("code")]
        case .passwordReset: [.fixed("login"), .fixed("reset")]
        case .organization: [.fixed("admin")]
        case .people: [.fixed("admin"), .fixed("people")]
        case .resetTwoFactor(let id):
            [.fixed("admin"), .fixed("people"), .parameter(RouteParameter.personID, value: id.uuidString), .fixed("two-factor"), .fixed("reset")]
        case .invitePerson(let id): [.fixed("admin"), .fixed("people"), .parameter(RouteParameter.personID, value: id.uuidString), .fixed("invite")]
        case .sessions: [.fixed("settings"), .fixed("sessions")]
        case .twoFactorSettings: [.fixed("settings"), .fixed("two-factor")]
        case .endSession(let id): [.fixed("settings"), .fixed("sessions"), .parameter(RouteParameter.sessionID, value: id.uuidString), .fixed("end")]
        case .accountSetup(let token): [.fixed("setup"), .parameter(RouteParameter.setupToken, value: token)]
        case .referralContacted(let id): [.fixed("referrals"), .parameter(RouteParameter.referralID, value: id.uuidString), .fixed("contacted")]
        case .addService: [.fixed("program"), .fixed("services")]
        case .addProgramContact: [.fixed("program"), .fixed("contacts")]
        case .removeProgramContact(let id): [.fixed("program"), .fixed("contacts"), .parameter(RouteParameter.personID, value: id.uuidString), .fixed("remove")]
        case .setCheckInSchedule: [.fixed("program"), .fixed("scheme"), .fixed("check-ins")]
        case .imports: [.fixed("admin"), .fixed("imports")]
        case .importPreview(let id): [.fixed("admin"), .fixed("imports"), .parameter(RouteParameter.importID, value: id.uuidString)]
        case .applyImport(let id): [.fixed("admin"), .fixed("imports"), .parameter(RouteParameter.importID, value: id.uuidString), .fixed("apply")]
        case .importSettings: [.fixed("admin"), .fixed("imports"), .fixed("settings")]
        case .addTitleMapping: [.fixed("admin"), .fixed("imports"), .fixed("titles")]
        case .removeTitleMapping(let id):
            [.fixed("admin"), .fixed("imports"), .fixed("titles"), .parameter(RouteParameter.mappingID, value: id.uuidString), .fixed("remove")]
        case .managePerson(let id): [.fixed("admin"), .fixed("people"), .parameter(RouteParameter.personID, value: id.uuidString)]
        case .saveAccess(let id): [.fixed("admin"), .fixed("people"), .parameter(RouteParameter.personID, value: id.uuidString), .fixed("access")]
        case .setActive(let id): [.fixed("admin"), .fixed("people"), .parameter(RouteParameter.personID, value: id.uuidString), .fixed("active")]
        case .organizationSettings: [.fixed("admin"), .fixed("settings")]
        case .singleSignOn(let id): [.fixed("login"), .fixed("sso"), .parameter(RouteParameter.organizationID, value: id.uuidString)]
        case .singleSignOnCallback: [.fixed("login"), .fixed("sso"), .fixed("callback")]
        }
    }

    /// A path as it may be logged: a setup link's token is a password until it is used, so it never reaches a log.
    static func withoutSecrets(_ path: String) -> String {
        let components = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        return SiteRoute.accountSetup("token").matches(Array(components)) ? SiteRoute.accountSetup("redacted").path : path
    }

    /// The methods the route answers: pages are read with GET, forms are sent with POST. A test holds the
    /// registered routes to exactly these.
    var methods: [HTTPMethod] {
        switch self {
        case .home, .mySupport, .supportRequests, .supportRequest, .program, .programScheme, .teamRota, .myAvailability, .review, .proposal, .referrals, .tasks, .events, .event, .caseDetail, .inbox, .stylesheet, .script, .health,
             .metrics, .parkedJobs, .checkIns, .sessions, .organization, .people, .importPreview, .managePerson, .singleSignOn, .singleSignOnCallback: [.GET]
        case .login, .requestSupport, .assignSupporter, .newEvent, .notificationSettings, .supporterProfile, .defusing, .reviews, .correctEvent, .checkIn, .accountSetup, .signInCode, .twoFactorSettings, .passwordReset, .invitePerson,
             .imports, .importSettings, .organizationSettings: [.GET, .POST]
        case .logout, .chooseSupporter, .acceptSupportRequest, .passSupportRequest, .logContact, .declineSupportRequest, .reopenSupportRequest, .proposeHandover, .answerHandover,
             .setResponseTime, .setCrisisContacts, .createTeam, .addShift, .addRotaChange, .removeShift, .removeRotaChange, .addSupporter, .addLeave, .removeLeave,
             .caseStep, .undoStep, .supportOnBehalf, .addProposal, .answerProposal, .concludeReview, .recordFamilyMeeting, .recordLeaderContact, .recordMeeting, .recordAdjustment, .reportingHelp, .closeCase, .reopenCase, .markRead, .markAllRead, .language,
             .retryJob, .skipCheckIn, .checkInPlan, .recordConsent, .makeReferral, .referralContacted, .addService, .setCheckInSchedule, .endSession, .addProgramContact, .removeProgramContact, .resetTwoFactor,
             .applyImport, .addTitleMapping, .removeTitleMapping, .saveAccess, .setActive: [.POST]
        }
    }

    /// One value of every case, ids as placeholders: what the route test walks.
    static let everyCase: [SiteRoute] = [
        .home, .login, .logout, .mySupport, .requestSupport, .supportRequests, .supportRequest(.routePlaceholder),
        .chooseSupporter(.routePlaceholder), .acceptSupportRequest(.routePlaceholder), .passSupportRequest(.routePlaceholder), .logContact(.routePlaceholder), .declineSupportRequest(.routePlaceholder),
        .reopenSupportRequest(.routePlaceholder), .proposeHandover(.routePlaceholder), .answerHandover(.routePlaceholder), .program,
        .assignSupporter(.routePlaceholder), .programScheme, .setResponseTime, .setCrisisContacts, .createTeam, .teamRota(.routePlaceholder), .addShift(.routePlaceholder),
        .addRotaChange(.routePlaceholder), .removeShift(.routePlaceholder), .removeRotaChange(.routePlaceholder), .addSupporter,
        .supporterProfile(.routePlaceholder), .addLeave(.routePlaceholder), .removeLeave(.routePlaceholder), .myAvailability, .reviews, .review(.routePlaceholder), .addProposal(.routePlaceholder), .concludeReview(.routePlaceholder),
        .recordFamilyMeeting(.routePlaceholder), .proposal(.routePlaceholder), .answerProposal(.routePlaceholder), .referrals, .tasks, .newEvent, .event(.routePlaceholder), .events, .correctEvent(.routePlaceholder), .defusing(.routePlaceholder), .caseDetail(.routePlaceholder),
        .caseStep(.routePlaceholder, .defusing), .undoStep(.routePlaceholder, .defusing), .closeCase(.routePlaceholder), .reopenCase(.routePlaceholder), .supportOnBehalf(.routePlaceholder),
        .recordLeaderContact(.routePlaceholder), .recordMeeting(.routePlaceholder), .recordAdjustment(.routePlaceholder),
        .reportingHelp(.routePlaceholder), .inbox,
        .markRead(.routePlaceholder), .markAllRead, .language, .stylesheet, .script, .health, .metrics, .notificationSettings, .parkedJobs,
        .retryJob(.routePlaceholder), .checkIns, .checkIn(.routePlaceholder), .skipCheckIn(.routePlaceholder), .checkInPlan(.routePlaceholder),
        .recordConsent, .makeReferral(.routePlaceholder), .referralContacted(.routePlaceholder), .addService, .setCheckInSchedule,
        .accountSetup("token"), .signInCode, .sessions, .endSession(.routePlaceholder), .twoFactorSettings, .passwordReset, .organization, .people, .invitePerson(.routePlaceholder), .resetTwoFactor(.routePlaceholder),
        .addProgramContact, .removeProgramContact(.routePlaceholder),
        .imports, .importPreview(.routePlaceholder), .applyImport(.routePlaceholder), .importSettings, .addTitleMapping, .removeTitleMapping(.routePlaceholder),
        .managePerson(.routePlaceholder), .saveAccess(.routePlaceholder), .setActive(.routePlaceholder), .organizationSettings,
        .singleSignOn(.routePlaceholder), .singleSignOnCallback,
    ]
}

/// The JSON API, version 1.
enum APIRoute: RouteDescribing, Hashable, CaseIterable {
    case token
    case revokeToken
    case me
    case units
    case people
    case events
    case caseDetail
    case caseStep
    case supportRequests
    case supportRequestList
    case supportRequestDetail
    case chooseSupporter
    case acceptSupportRequest
    case passSupportRequest
    case contactList
    case logContact
    case declineSupportRequest
    case reopenSupportRequest
    case proposeHandover
    case answerHandover
    case peerSupporters
    case rotaCoverage
    case recordDefusing
    case defusingList
    case leaderContact
    case followUpMeeting
    case adjustment
    case createReview
    case reviewList
    case addReviewProposal
    case answerReviewProposal
    case concludeReview
    case familyMeeting
    case instrument
    case checkInList
    case answerCheckIn
    case referrals
    case consents
    case changeConsents
    case importUnits
    case importPeople
    case openAPI

    var method: String {
        switch self {
        case .token, .events, .caseStep, .supportRequests, .chooseSupporter, .acceptSupportRequest, .passSupportRequest, .logContact,
             .declineSupportRequest, .reopenSupportRequest, .proposeHandover, .answerHandover, .recordDefusing, .leaderContact, .followUpMeeting, .adjustment, .createReview,
             .addReviewProposal, .answerReviewProposal, .concludeReview, .familyMeeting, .answerCheckIn, .referrals, .importUnits, .importPeople: "POST"
        case .revokeToken: "DELETE"
        case .me, .units, .people, .caseDetail, .supportRequestList, .supportRequestDetail, .contactList, .peerSupporters, .rotaCoverage, .defusingList, .reviewList, .instrument, .checkInList, .consents, .openAPI: "GET"
        case .changeConsents: "PUT"
        }
    }

    var segments: [RouteSegment] {
        let base: [RouteSegment] = [.fixed("api"), .fixed("v1")]
        let caseID = RouteSegment.parameter(RouteParameter.caseID, value: "")
        let requestID = RouteSegment.parameter(RouteParameter.requestID, value: "")
        return switch self {
        case .token, .revokeToken: base + [.fixed("auth"), .fixed("token")]
        case .me: base + [.fixed("me")]
        case .units: base + [.fixed("units")]
        case .instrument: base + [.fixed("instruments"), .parameter(RouteParameter.instrumentKey, value: "")]
        case .checkInList: base + [.fixed("check-ins")]
        case .answerCheckIn: base + [.fixed("check-ins"), .parameter(RouteParameter.checkInID, value: ""), .fixed("answers")]
        case .referrals: base + [.fixed("cases"), caseID, .fixed("referrals")]
        case .consents, .changeConsents: base + [.fixed("me"), .fixed("consents")]
        case .people: base + [.fixed("people")]
        case .events: base + [.fixed("events")]
        case .recordDefusing, .defusingList: base + [.fixed("events"), .parameter(RouteParameter.eventID, value: ""), .fixed("defusing")]
        case .caseDetail: base + [.fixed("cases"), caseID]
        case .leaderContact: base + [.fixed("cases"), caseID, .fixed("contacts")]
        case .followUpMeeting: base + [.fixed("cases"), caseID, .fixed("meetings")]
        case .adjustment: base + [.fixed("cases"), caseID, .fixed("adjustments")]
        case .createReview, .reviewList: base + [.fixed("reviews")]
        case .addReviewProposal: base + [.fixed("reviews"), .parameter(RouteParameter.reviewID, value: ""), .fixed("proposals")]
        case .concludeReview: base + [.fixed("reviews"), .parameter(RouteParameter.reviewID, value: ""), .fixed("conclusion")]
        case .familyMeeting: base + [.fixed("events"), .parameter(RouteParameter.eventID, value: ""), .fixed("family-meeting")]
        case .answerReviewProposal:
            base + [.fixed("reviews"), .parameter(RouteParameter.reviewID, value: ""), .fixed("proposals"), .parameter(RouteParameter.proposalID, value: ""),
                    .fixed("answer")]
        case .caseStep: base + [.fixed("cases"), caseID, .fixed("steps"), .parameter(RouteParameter.stepKey, value: "")]
        case .supportRequests, .supportRequestList: base + [.fixed("support-requests")]
        case .supportRequestDetail: base + [.fixed("support-requests"), requestID]
        case .chooseSupporter: base + [.fixed("support-requests"), requestID, .fixed("choose")]
        case .acceptSupportRequest: base + [.fixed("support-requests"), requestID, .fixed("accept")]
        case .passSupportRequest: base + [.fixed("support-requests"), requestID, .fixed("pass")]
        case .contactList, .logContact: base + [.fixed("support-requests"), requestID, .fixed("contacts")]
        case .declineSupportRequest: base + [.fixed("support-requests"), requestID, .fixed("decline")]
        case .reopenSupportRequest: base + [.fixed("support-requests"), requestID, .fixed("reopen")]
        case .proposeHandover: base + [.fixed("support-requests"), requestID, .fixed("handover")]
        case .answerHandover: base + [.fixed("support-requests"), requestID, .fixed("handover"), .fixed("answer")]
        case .peerSupporters: base + [.fixed("peer-supporters")]
        case .rotaCoverage: base + [.fixed("rota"), .fixed("coverage")]
        case .importUnits: base + [.fixed("imports"), .fixed("units")]
        case .importPeople: base + [.fixed("imports"), .fixed("people")]
        case .openAPI: base + [.fixed("openapi.json")]
        }
    }
}
