import Foundation

/// Which of the people a leader may name a form lists beyond those already ticked: the matches of a search
/// by name, or everyone in one unit when asked for — never the whole organization at once.
struct PeopleSearch {
    typealias Person = (id: UUID, name: String, profession: String, unit: String)

    static let limit = 20

    let query: String
    let browsing: Bool
    let matches: [Person]
    /// What the list holds, said above it (and read by screen readers when it changes).
    let listed: String
    let browseButton: String?

    init(_ people: [Person], query raw: String?, find: String?, unitName: String?, excluding: Set<UUID>, t: Localizer) {
        let query = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let browsing = query.isEmpty && find == "unit" && unitName != nil
        let matches = query.isEmpty && !browsing ? [] : people.filter { person in
            !excluding.contains(person.id)
                && (browsing ? person.unit == unitName : person.name.range(of: query, options: [.caseInsensitive, .diacriticInsensitive]) != nil)
        }
        let listed = browsing ? t("event.people.of_unit", ["unit": unitName ?? ""])
            : query.isEmpty ? t("event.people.search_first")
            : matches.isEmpty ? t("event.people.none", ["query": query]) : t.plural("event.people.matching", matches.count, ["query": query])
        self.query = query
        self.browsing = browsing
        self.matches = Array(matches.prefix(Self.limit))
        self.listed = listed + (matches.count > Self.limit ? " " + t("event.people.narrow", ["count": "\(matches.count - Self.limit)"]) : "")
        self.browseButton = browsing ? nil : unitName.map { t("event.people.browse", ["unit": $0]) }
    }

    /// The unit is said once above a unit's list; among a search's matches each person's unit is named.
    func detail(_ person: Person, t: Localizer) -> String {
        browsing ? t("profession.\(person.profession)") : "\(t("profession.\(person.profession)")), \(person.unit)"
    }
}
