@preconcurrency import Plot

/// The search for people on the event forms: a name and "Find", or a unit's list, each a button of the form
/// itself so what was typed elsewhere in the form is kept without JavaScript.
enum PeopleSearchControls {
    static func render(label: String, query: String, find: String, browse: String?, listed: String) -> BodyNode {
        Markup.group([
            Markup.el("label", [("for", "people-q")], text: label),
            Markup.el("div", [("class", "search-row")], [
                Markup.void("input", [("type", "search"), ("id", "people-q"), ("name", "q"), ("value", query), ("autocomplete", "off"),
                                      ("maxlength", "80"), ("aria-describedby", "people-listed")]),
                Markup.button(find, [("name", "find"), ("value", "name"), ("formnovalidate", nil)]),
            ]),
            browse.map { Markup.button($0, [("name", "find"), ("value", "unit"), ("formnovalidate", nil), ("class", "link-button")]) } ?? .empty,
            Markup.el("p", [("class", "hint"), ("id", "people-listed"), ("aria-live", "polite")], text: listed),
        ])
    }
}
