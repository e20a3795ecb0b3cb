@preconcurrency import Plot

/// A labelled form field: the label first, then the control, tied by id so a tap on the label focuses it.
enum FormField {
    static func input(_ type: String, id: String, name: String, label: String, value: String = "", hint: String? = nil,
                      _ attributes: [(String, String?)] = []) -> BodyNode {
        Markup.group([
            Markup.el("label", [("for", id)], text: label),
            hint.map { Markup.el("p", [("class", "hint"), ("id", "\(id)-hint")], text: $0) } ?? .empty,
            Markup.void("input", [("type", type), ("id", id), ("name", name), ("value", value)]
                        + (hint == nil ? [] : [("aria-describedby", "\(id)-hint")]) + attributes),
        ])
    }

    struct Option {
        let value: String
        let label: String
        var selected = false
    }

    static func select(id: String, name: String, label: String, options: [Option], multiple: Bool = false, hint: String? = nil) -> BodyNode {
        Markup.group([
            Markup.el("label", [("for", id)], text: label),
            hint.map { Markup.el("p", [("class", "hint"), ("id", "\(id)-hint")], text: $0) } ?? .empty,
            Markup.el("select", [("id", id), ("name", name)] + (multiple ? [("multiple", nil), ("size", "6")] : [])
                      + (hint == nil ? [] : [("aria-describedby", "\(id)-hint")]),
                      options.map { Markup.el("option", [("value", $0.value)] + ($0.selected ? [("selected", nil)] : []), text: $0.label) }),
        ])
    }
}
