@preconcurrency import Plot

typealias BodyNode = Node<HTML.BodyContext>

/// A thin layer over Plot's nodes: any element, any attributes, escaped text. Plot's typed contexts forbid
/// some valid HTML (a `<select>` inside a `<div>` of a form), so pages are built from these.
enum Markup {
    static func el(_ name: String, _ attributes: [(String, String?)] = [], _ children: [BodyNode] = []) -> BodyNode {
        let attributeNodes: [BodyNode] = attributes.map { name, value in
            value.map { BodyNode.attribute(named: name, value: escape($0), ignoreIfValueIsEmpty: false) } ?? .attribute(named: name)
        }
        return .element(named: name, nodes: attributeNodes + children)
    }

    static func el(_ name: String, _ attributes: [(String, String?)] = [], text: String) -> BodyNode {
        el(name, attributes, [.text(text)])
    }

    static func void(_ name: String, _ attributes: [(String, String?)]) -> BodyNode {
        let attributeNodes: [Attribute<HTML.BodyContext>] = attributes.map { name, value in
            Attribute(name: name, value: value.map(escape), ignoreIfValueIsEmpty: value != nil)
        }
        return .selfClosedElement(named: name, attributes: attributeNodes)
    }

    /// Plot writes attribute values as given, so every value is escaped here, the one place pages build
    /// attributes: a value can never end its quotes or open a tag.
    static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    static func link(_ text: String, to route: SiteRoute, _ attributes: [(String, String?)] = []) -> BodyNode {
        el("a", [("href", route.path)] + attributes, text: text)
    }

    /// A POST form to one of our routes, carrying the CSRF token.
    static func form(to route: SiteRoute, csrf: String, _ attributes: [(String, String?)] = [], _ children: [BodyNode]) -> BodyNode {
        el("form", [("method", "post"), ("action", route.path)] + attributes,
           [void("input", [("type", "hidden"), ("name", "_csrf"), ("value", csrf)])] + children)
    }

    /// The hidden field with a form's one-time key.
    static let submissionField = "_submission"

    static func hidden(_ name: String, _ value: String) -> BodyNode {
        void("input", [("type", "hidden"), ("name", name), ("value", value)])
    }

    static func button(_ text: String, _ attributes: [(String, String?)] = []) -> BodyNode {
        el("button", [("type", "submit")] + attributes, text: text)
    }

    static func group(_ nodes: [BodyNode]) -> BodyNode { .group(nodes) }

    /// A labelled checkbox; the label wraps the box so the whole line is a touch target.
    static func checkbox(name: String, value: String = "true", label: String, checked: Bool, id: String) -> BodyNode {
        el("label", [("class", "check"), ("for", id)], [
            void("input", [("type", "checkbox"), ("id", id), ("name", name), ("value", value)] + (checked ? [("checked", nil)] : [])),
            el("span", text: label),
        ])
    }

    /// A field's error, announced to screen readers and linked to the field.
    static func fieldError(_ message: String?, for id: String) -> BodyNode {
        guard let message else { return .empty }
        return el("p", [("class", "field-error"), ("id", "\(id)-error")], text: message)
    }
}
