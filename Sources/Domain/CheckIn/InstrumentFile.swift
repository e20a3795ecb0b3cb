import Foundation

/// Reads an instrument from its JSON file and checks it whole before anything uses it: a bad file is refused
/// with a message naming the file, the item and the problem, and the rest of the product goes on without it.
public enum InstrumentFile {
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public let file: String
        public let item: String?
        public let problem: String

        public init(file: String, item: String?, problem: String) {
            self.file = file
            self.item = item
            self.problem = problem
        }

        public var description: String { "\(file)\(item.map { ", item \($0)" } ?? ""): \(problem)" }
    }

    private struct Raw: Decodable {
        struct Scale: Decodable {
            let min: Int
            let max: Int
            let labels: [String: [String: String]]?
        }

        struct Item: Decodable {
            let key: String
            let text: [String: String]
            let scale: String
            let reversed: Bool?
            let weight: Double?
            let subscale: String?
        }

        struct Threshold: Decodable {
            let subscale: String
            let atLeast: Double
            let meaning: String
        }

        struct RedFlag: Decodable {
            let item: String
            let atMost: Int?
            let atLeast: Int?
        }

        let key: String
        let title: [String: String]
        let scales: [String: Scale]
        let items: [Item]
        let thresholds: [Threshold]?
        let redFlags: [RedFlag]?
        let contactItem: String?
        /// Why the thresholds and red flags are where they are, for the people who review the file.
        let basis: [String]?
    }

    /// Lower-case letters, digits and `_`, starting with a letter: keys end up in URLs and API bodies.
    static func isKey(_ text: String) -> Bool {
        text.wholeMatch(of: /[a-z][a-z0-9_]{0,39}/) != nil
    }

    /// `languages` are those the product carries: every text must be there in each of them.
    public static func read(_ data: Data, file: String, languages: [String]) -> Result<Instrument, Problem> {
        func problem(_ text: String, item: String? = nil) -> Result<Instrument, Problem> { .failure(Problem(file: file, item: item, problem: text)) }
        let raw: Raw
        do {
            raw = try JSONDecoder().decode(Raw.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            return problem("the field \(key.stringValue) is missing\(path(context))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            return problem("a field has the wrong type\(path(context))")
        } catch {
            return problem("it is not valid JSON")
        }
        guard isKey(raw.key) else { return problem("the key \"\(raw.key)\" must be lower-case letters, digits and _") }
        if let missing = languages.first(where: { (raw.title[$0] ?? "").isEmpty }) { return problem("the title has no text in \(missing)") }
        guard !raw.items.isEmpty else { return problem("it has no items") }
        var scales: [String: Instrument.Scale] = [:]
        for (name, scale) in raw.scales.sorted(by: { $0.key < $1.key }) {
            guard scale.min < scale.max else { return problem("the scale \(name) must have min below max") }
            guard scale.max - scale.min <= 100 else { return problem("the scale \(name) has more than 101 values") }
            var labels: [Int: [String: String]] = [:]
            for (value, texts) in scale.labels ?? [:] {
                guard let number = Int(value), (scale.min...scale.max).contains(number) else {
                    return problem("the scale \(name) labels \(value), which is not one of its values")
                }
                if let missing = languages.first(where: { (texts[$0] ?? "").isEmpty }) { return problem("the scale \(name) has no label for \(value) in \(missing)") }
                labels[number] = texts
            }
            scales[name] = Instrument.Scale(min: scale.min, max: scale.max, labels: labels)
        }
        var seen: Set<String> = []
        var items: [Instrument.Item] = []
        for item in raw.items {
            guard isKey(item.key) else { return problem("its key must be lower-case letters, digits and _", item: item.key) }
            guard seen.insert(item.key).inserted else { return problem("the key is used twice", item: item.key) }
            guard scales[item.scale] != nil else { return problem("its scale \(item.scale) is not defined", item: item.key) }
            if let missing = languages.first(where: { (item.text[$0] ?? "").isEmpty }) { return problem("it has no text in \(missing)", item: item.key) }
            let weight = item.weight ?? 1
            guard weight > 0, weight.isFinite else { return problem("its weight must be a positive number", item: item.key) }
            items.append(Instrument.Item(key: item.key, text: item.text, scale: item.scale, reversed: item.reversed ?? false, weight: weight,
                                         subscale: item.subscale))
        }
        let subscales = Set(items.compactMap(\.subscale))
        for threshold in raw.thresholds ?? [] where !subscales.contains(threshold.subscale) {
            return problem("a threshold names the subscale \(threshold.subscale), which no item belongs to")
        }
        for flag in raw.redFlags ?? [] {
            guard let item = items.first(where: { $0.key == flag.item }) else { return problem("a red flag names an item that does not exist", item: flag.item) }
            guard flag.atMost != nil || flag.atLeast != nil else { return problem("its red flag needs atMost or atLeast", item: flag.item) }
            if let scale = scales[item.scale], [flag.atMost, flag.atLeast].compactMap({ $0 }).contains(where: { !scale.values.contains($0) }) {
                return problem("its red flag lies outside its scale", item: flag.item)
            }
        }
        if let contact = raw.contactItem {
            guard let item = items.first(where: { $0.key == contact }) else { return problem("the contact item does not exist", item: contact) }
            guard let scale = scales[item.scale], scale.min == 0, scale.max == 1 else { return problem("the contact item must be a yes/no (0–1) item", item: contact) }
        }
        return .success(Instrument(
            key: raw.key, title: raw.title, scales: scales, items: items,
            thresholds: (raw.thresholds ?? []).map { Instrument.Threshold(subscale: $0.subscale, atLeast: $0.atLeast, meaning: $0.meaning) },
            redFlags: (raw.redFlags ?? []).map { Instrument.RedFlag(item: $0.item, atMost: $0.atMost, atLeast: $0.atLeast) },
            contactItem: raw.contactItem))
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let names = context.codingPath.map { $0.intValue.map { "#\($0 + 1)" } ?? $0.stringValue }
        return names.isEmpty ? "" : " (at \(names.joined(separator: " › ")))"
    }
}
