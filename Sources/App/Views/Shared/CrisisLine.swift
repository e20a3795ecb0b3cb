@preconcurrency import Plot

/// The crisis sentence at the foot of a person's pages, with its numbers as links a phone can call at once.
enum CrisisLine {
    static func node(_ text: String, numbers: [String]) -> BodyNode {
        var nodes: [BodyNode] = []
        var rest = Substring(text)
        while let (number, range) = numbers.compactMap({ number in rest.range(of: number).map { (number, $0) } })
            .min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
            nodes.append(.text(String(rest[..<range.lowerBound])))
            nodes.append(Markup.el("a", [("href", "tel:" + number.filter { $0.isNumber || $0 == "+" })], text: number))
            rest = rest[range.upperBound...]
        }
        nodes.append(.text(String(rest)))
        return Markup.el("p", [("class", "crisis")], nodes)
    }
}
