@preconcurrency import Plot

/// The list of what is wrong with a form, at its top, each item a link to its field.
struct FormErrorSummary {
    let heading: String
    let errors: [(field: String, message: String)]

    var node: BodyNode {
        guard !errors.isEmpty else { return .empty }
        return Markup.el("div", [("class", "error-summary"), ("role", "alert"), ("tabindex", "-1")], [
            Markup.el("h2", text: heading),
            Markup.el("ul", [], errors.map { Markup.el("li", [], [Markup.el("a", [("href", "#\($0.field)")], text: $0.message)]) }),
        ])
    }
}
