import Foundation
import Vapor

public enum AppLanguage: String, CaseIterable, Sendable, Codable {
    case en, nb, da

    /// Maps what browsers send (`no`, `nn`, `nb-NO`, `da-DK`, `en-GB`) onto the languages we carry.
    init?(tag: String) {
        let primary = tag.lowercased().split(separator: "-").first.map(String.init) ?? ""
        switch primary {
        case "nb", "no", "nn": self = .nb
        case "da": self = .da
        case "en": self = .en
        default: return nil
        }
    }

    var locale: Locale {
        switch self {
        case .en: Locale(identifier: "en_GB")
        case .nb: Locale(identifier: "nb_NO")
        case .da: Locale(identifier: "da_DK")
        }
    }

    /// The first language in an `Accept-Language` header we carry, honouring q-values.
    static func preferred(acceptLanguage: String?) -> AppLanguage? {
        guard let acceptLanguage else { return nil }
        let ranked = acceptLanguage.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, !tag.isEmpty else { return nil }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, q)
        }
        return ranked.enumerated()
            .sorted { $0.element.1 != $1.element.1 ? $0.element.1 > $1.element.1 : $0.offset < $1.offset }
            .lazy.compactMap { AppLanguage(tag: $0.element.0) }.first
    }
}

/// Every text the product shows, in every language it carries, loaded once from the JSON files in
/// `Resources/Localization`.
public struct Catalogue: Sendable {
    let texts: [AppLanguage: [String: String]]

    public static func load() throws -> Catalogue {
        var texts: [AppLanguage: [String: String]] = [:]
        for language in AppLanguage.allCases {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Resources/Localization") else {
                throw CatalogueMissing(language: language)
            }
            texts[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        }
        return Catalogue(texts: texts)
    }

    struct CatalogueMissing: Error {
        let language: AppLanguage
    }

    func text(_ key: String, _ language: AppLanguage) -> String {
        texts[language]?[key] ?? texts[.en]?[key] ?? key
    }

    func keys(_ language: AppLanguage) -> Set<String> { Set(texts[language]?.keys ?? [:].keys) }
}

/// Texts in one language, plus date formatting in the organization's time zone.
struct Localizer: Sendable {
    let language: AppLanguage
    let catalogue: Catalogue
    let timeZone: TimeZone

    func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        arguments.reduce(catalogue.text(key, language)) { text, argument in
            text.replacingOccurrences(of: "{\(argument.key)}", with: argument.value)
        }
    }

    /// A text that names a count, in the form the language uses for it: `key.one` for exactly one, `key.other`
    /// for every other number (English, Norwegian and Danish all decline nouns this way). `{count}` is filled in.
    func plural(_ key: String, _ count: Int, _ arguments: [String: String] = [:]) -> String {
        self(key + (count == 1 ? ".one" : ".other"), arguments.merging(["count": "\(count)"]) { own, _ in own })
    }

    func dateTime(_ date: Date) -> String {
        format(date, template: "d MMM yyyy HH:mm")
    }

    func time(_ date: Date) -> String {
        format(date, template: "HH:mm")
    }

    func date(_ date: Date) -> String {
        format(date, template: "d MMM yyyy")
    }

    /// An ISO weekday (1 is Monday) by its name in the reader's language.
    func weekdayName(_ weekday: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.locale = language.locale
        let names = calendar.standaloneWeekdaySymbols  // Foundation starts at Sunday
        return names.isEmpty ? "\(weekday)" : names[weekday % 7 % names.count].capitalized(with: language.locale)
    }

    private func format(_ date: Date, template: String) -> String {
        DateFormatters.shared.string(from: date, locale: language.locale, template: template, timeZone: timeZone)
    }
}

extension Application {
    private struct CatalogueKey: StorageKey {
        typealias Value = Catalogue
    }

    var catalogue: Catalogue {
        get { storage[CatalogueKey.self] ?? Catalogue(texts: [:]) }
        set { storage[CatalogueKey.self] = newValue }
    }
}

extension Request {
    /// The user's own setting first, then what the browser asks for, then the organization's default.
    var language: AppLanguage {
        if let user = currentUser, let chosen = user.preferredLanguage { return chosen }
        if let chosen = cookies[LanguageController.cookie].flatMap({ AppLanguage(rawValue: $0.string) }) { return chosen }
        if let asked = AppLanguage.preferred(acceptLanguage: headers.first(name: .acceptLanguage)) { return asked }
        return currentUser?.organizationLanguage ?? .en
    }

    var localizer: Localizer {
        Localizer(language: language, catalogue: application.catalogue, timeZone: currentUser?.timeZone ?? .defaultForOrganizations)
    }
}

extension TimeZone {
    static let defaultForOrganizations = TimeZone(identifier: "Europe/Oslo") ?? .gmt
}
