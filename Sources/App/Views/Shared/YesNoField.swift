@preconcurrency import Plot

/// A question answered yes or no, with neither chosen until someone chooses: a pre-ticked answer is an answer
/// nobody gave, and can silently cancel what the other answer would have set going.
enum YesNoField {
    /// `name` is what the form sends; `id` names the fieldset, and its two radios as `id-yes` and `id-no`.
    static func node(name: String, id: String, question: String, answer: Bool?, yes: String, no: String, error: String?) -> BodyNode {
        func radio(_ value: Bool, _ label: String) -> BodyNode {
            let radioID = "\(id)-\(value ? "yes" : "no")"
            return Markup.el("label", [("class", "radio"), ("for", radioID)], [
                Markup.void("input", [("type", "radio"), ("id", radioID), ("name", name), ("value", value ? "true" : "false")]
                    + (answer == value ? [("checked", nil)] : [])),
                Markup.el("span", text: label),
            ])
        }
        return Markup.el("fieldset", [("class", "yes-no"), ("id", id)], [
            Markup.el("legend", text: question),
            radio(true, yes),
            radio(false, no),
            Markup.fieldError(error, for: id),
        ])
    }
}
