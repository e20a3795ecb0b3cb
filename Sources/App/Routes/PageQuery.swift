import Foundation
import Vapor

/// The query a page's address may carry, typed: links are built from it and requests read back into it in
/// this one place, so no page spells `?page=` or `?saved=` by hand.
struct PageQuery: Equatable, Sendable {
    /// What a page says after a redirect.
    enum Notice: String, Sendable, CaseIterable {
        case saved
        case requestSent = "request"
        case eventRegistered = "event"
        case alreadyRegistered = "already"
        case loggedOut = "logged_out"
        /// The session had ended when a form was sent: what it carried was not saved.
        case signedOutUnsaved = "signed_out"
        /// A supporter handed a request on.
        case passedOn = "passed_on"
        case assigned
        case contactLogged = "contact"
        case supportAsked = "support_asked"
        case removed
        case defusingRecorded = "defusing"
        case reportingHelp = "reporting_help"
        case undone
        case corrected
        case unchanged
        case familyMeeting = "family_meeting"
        case skipped
        case consent
        case referred
        case referredBefore = "referred_before"
        case passwordSet = "password_set"
    }

    var page: Int?
    var notice: Notice?
    /// Where to go after logging in: only ever one of our own pages.
    var next: String?
    /// What a list is searched for (the administrator's people), trimmed and at most 100 characters.
    var search: String?

    init(page: Int? = nil, notice: Notice? = nil, next: String? = nil, search: String? = nil) {
        self.page = page
        self.notice = notice
        self.next = next.flatMap(Self.ownPage)
        self.search = search.map { String($0.trimmingCharacters(in: .whitespaces).prefix(100)) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// What the request carries; a value that is not one of ours is ignored rather than refused.
    init(_ req: Request) {
        self.init(page: req.query[Int.self, at: "page"], notice: req.query[String.self, at: "saved"].flatMap(Notice.init(rawValue:)),
                  next: req.query[String.self, at: "next"], search: req.query[String.self, at: "q"])
    }

    var queryString: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let items = [page.map { "page=\($0)" }, notice.map { "saved=\($0.rawValue)" },
                     next.map { "next=\($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" },
                     search.map { "q=\($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }].compactMap { $0 }
        return items.isEmpty ? "" : "?" + items.joined(separator: "&")
    }

    /// A path that is one of our pages a signed-in person reads (never another site, never the login itself),
    /// or nil: a link someone else wrote must not send a person elsewhere after they log in.
    static func ownPage(_ path: String) -> String? {
        guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"), path.count <= 300 else { return nil }
        let components = path.split(separator: "/")
        let pages = SiteRoute.everyCase.filter { $0.methods.contains(.GET) && $0 != .login && $0 != .health && $0 != .metrics }
        return pages.contains { $0.matches(components) } ? path : nil
    }
}

extension RouteDescribing {
    /// The path with a typed query and, optionally, the id of an element on the page to scroll to.
    func path(_ query: PageQuery, fragment: String? = nil) -> String {
        path + query.queryString + (fragment.map { "#\($0)" } ?? "")
    }
}
