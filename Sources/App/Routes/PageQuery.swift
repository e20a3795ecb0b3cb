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
    }

    var page: Int?
    var notice: Notice?

    init(page: Int? = nil, notice: Notice? = nil) {
        self.page = page
        self.notice = notice
    }

    /// What the request carries; a value that is not one of ours is ignored rather than refused.
    init(_ req: Request) {
        page = req.query[Int.self, at: "page"]
        notice = req.query[String.self, at: "saved"].flatMap(Notice.init(rawValue:))
    }

    var queryString: String {
        let items = [page.map { "page=\($0)" }, notice.map { "saved=\($0.rawValue)" }].compactMap { $0 }
        return items.isEmpty ? "" : "?" + items.joined(separator: "&")
    }
}

extension RouteDescribing {
    /// The path with a typed query and, optionally, the id of an element on the page to scroll to.
    func path(_ query: PageQuery, fragment: String? = nil) -> String {
        path + query.queryString + (fragment.map { "#\($0)" } ?? "")
    }
}
