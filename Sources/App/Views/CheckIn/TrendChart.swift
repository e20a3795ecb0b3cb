import Foundation
@preconcurrency import Plot

/// A small line chart drawn on the server: readable without colour (points are marked and labelled, the line
/// is black on white), with a title and a text alternative, and a table of the same values beside it.
struct TrendChart {
    struct Point: Equatable {
        let label: String
        let value: Double
    }

    let id: String
    let title: String
    /// What the chart shows, in words: read by screen readers in place of the drawing.
    let summary: String
    let minLabel: String
    let maxLabel: String
    let points: [Point]
    let range: ClosedRange<Double>

    private let width = 340.0
    private let height = 150.0
    private let left = 12.0
    private let right = 12.0
    private let top = 22.0
    private let bottom = 30.0

    var node: BodyNode {
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func x(_ index: Int) -> Double { points.count < 2 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(points.count - 1) }
        func y(_ value: Double) -> Double {
            let span = range.upperBound - range.lowerBound
            return top + plotHeight * (1 - (min(max(value, range.lowerBound), range.upperBound) - range.lowerBound) / (span == 0 ? 1 : span))
        }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        let path = points.enumerated().map { index, point in "\(index == 0 ? "M" : "L")\(number(x(index))) \(number(y(point.value)))" }.joined(separator: " ")
        var shapes: [BodyNode] = [
            Markup.el("title", [("id", "\(id)-title")], text: title),
            Markup.el("desc", [("id", "\(id)-desc")], text: summary),
            Markup.el("line", [("x1", number(left)), ("y1", number(top)), ("x2", number(width - right)), ("y2", number(top)), ("class", "grid")]),
            Markup.el("line", [("x1", number(left)), ("y1", number(top + plotHeight)), ("x2", number(width - right)), ("y2", number(top + plotHeight)),
                                 ("class", "grid")]),
            Markup.el("text", [("x", number(left)), ("y", number(top - 8)), ("class", "axis")], text: maxLabel),
            Markup.el("text", [("x", number(left)), ("y", number(height - 4)), ("class", "axis")], text: minLabel),
        ]
        if points.count > 1 { shapes.append(Markup.el("path", [("d", path), ("class", "line")])) }
        for (index, point) in points.enumerated() {
            shapes.append(Markup.el("circle", [("cx", number(x(index))), ("cy", number(y(point.value))), ("r", "4.5"), ("class", "point")]))
            shapes.append(Markup.el("text", [("x", number(x(index))), ("y", number(y(point.value) - 9)), ("class", "value"), ("text-anchor", "middle")],
                                    text: point.value == point.value.rounded() ? String(Int(point.value)) : number(point.value)))
        }
        return Markup.el("svg", [("class", "trend"), ("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"),
                                 ("aria-labelledby", "\(id)-title \(id)-desc"), ("xmlns", "http://www.w3.org/2000/svg")], shapes)
    }
}
