@preconcurrency import Plot

/// The previous and next links under a list that comes in pages.
enum Pagination {
    static func render(_ model: PaginationModel?) -> BodyNode {
        guard let model else { return .empty }
        var links: [BodyNode] = []
        if let previous = model.previous { links.append(Markup.el("a", [("href", previous.href), ("rel", "prev")], text: previous.label)) }
        if let next = model.next { links.append(Markup.el("a", [("href", next.href), ("rel", "next")], text: next.label)) }
        return Markup.el("nav", [("class", "pagination")], links)
    }
}
