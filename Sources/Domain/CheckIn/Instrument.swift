import Foundation

/// A questionnaire as data: its items, their answer scales, how answers are scored and which answers call for
/// more. Ivareta ships its own check-in; an organization adds others (WHO-5, a licensed SVEST-R) as files.
public struct Instrument: Sendable, Equatable {
    /// Answers are whole numbers from `min` to `max`, some of them labelled.
    public struct Scale: Sendable, Equatable {
        public let min: Int
        public let max: Int
        public let labels: [Int: [String: String]]

        public var values: ClosedRange<Int> { min...max }
    }

    public struct Item: Sendable, Equatable {
        public let key: String
        public let text: [String: String]
        public let scale: String
        /// Scored as `min + max - answer`, for items where a high answer means doing well.
        public let reversed: Bool
        public let weight: Double
        public let subscale: String?
    }

    /// A subscale's score at which the answers mean something, named for the rules that act on it.
    public struct Threshold: Sendable, Equatable {
        public let subscale: String
        public let atLeast: Double
        public let meaning: String
    }

    /// An answer that shows the crisis numbers at once: at or below `atMost`, or at or above `atLeast`.
    public struct RedFlag: Sendable, Equatable {
        public let item: String
        public let atMost: Int?
        public let atLeast: Int?

        public func isRaised(by value: Int) -> Bool {
            (atMost.map { value <= $0 } ?? false) || (atLeast.map { value >= $0 } ?? false)
        }
    }

    public let key: String
    public let title: [String: String]
    public let scales: [String: Scale]
    public let items: [Item]
    public let thresholds: [Threshold]
    public let redFlags: [RedFlag]
    /// The yes/no item asking whether the person would like someone to contact them, if the instrument has one.
    public let contactItem: String?

    public func scale(of item: Item) -> Scale? { scales[item.scale] }

    public func threshold(_ meaning: String) -> Threshold? { thresholds.first { $0.meaning == meaning } }
}

/// One check-in's answers scored: per subscale, and whether it raised a red flag or asks for contact.
public struct InstrumentScore: Sendable, Equatable {
    public let subscales: [String: Double]
    public let total: Double
    public let redFlag: Bool
    public let wantsContact: Bool

    /// The thresholds the answers reached, by meaning.
    public let reached: Set<String>

    public init(subscales: [String: Double], total: Double, redFlag: Bool, wantsContact: Bool, reached: Set<String>) {
        self.subscales = subscales
        self.total = total
        self.redFlag = redFlag
        self.wantsContact = wantsContact
        self.reached = reached
    }
}

extension Instrument {
    /// Why answers cannot be taken: the item is named so the person (or the API client) can put it right.
    public enum AnswerProblem: Error, Equatable, Sendable {
        case unknownItem(String)
        case offScale(item: String, value: Int)
        case missing(String)
    }

    /// Scores a complete set of answers, refusing an unknown item, a value off its scale, or a missing item.
    public func score(_ answers: [String: Int]) throws(AnswerProblem) -> InstrumentScore {
        let known = Dictionary(uniqueKeysWithValues: items.map { ($0.key, $0) })
        for key in answers.keys.sorted() where known[key] == nil { throw .unknownItem(key) }
        var subscales: [String: Double] = [:]
        var total = 0.0
        for item in items {
            guard let value = answers[item.key] else { throw .missing(item.key) }
            guard let scale = scale(of: item), scale.values.contains(value) else { throw .offScale(item: item.key, value: value) }
            let scored = Double(item.reversed ? scale.min + scale.max - value : value) * item.weight
            if let subscale = item.subscale { subscales[subscale, default: 0] += scored }
            if item.key != contactItem { total += scored }
        }
        let redFlag = redFlags.contains { flag in answers[flag.item].map(flag.isRaised) ?? false }
        let reached = Set(thresholds.filter { (subscales[$0.subscale] ?? 0) >= $0.atLeast }.map(\.meaning))
        return InstrumentScore(subscales: subscales, total: total, redFlag: redFlag,
                               wantsContact: contactItem.flatMap { answers[$0] }.map { $0 > 0 } ?? false, reached: reached)
    }
}
