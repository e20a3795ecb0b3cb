import Foundation

/// HR titles common in Nordic hospitals and municipalities, lower-cased, and the profession each means. An
/// organization's own mappings come first; a title known to neither is stored as `other` and named in the preview.
enum TitleDefaults {
    static let professions: [String: Profession] = {
        var map: [String: Profession] = [:]
        let lists: [(Profession, [String])] = [
            (.nurse, ["nurse", "registered nurse", "sykepleier", "avdelingssykepleier", "spesialsykepleier", "intensivsykepleier", "sygeplejerske",
                      "sjuksköterska", "sairaanhoitaja", "anestesisykepleier", "operasjonssykepleier"]),
            (.physician, ["physician", "doctor", "lege", "overlege", "lis-lege", "læge", "overlæge", "reservelæge", "läkare", "överläkare",
                          "lääkäri", "erikoislääkäri"]),
            (.careWorker, ["care worker", "helsefagarbeider", "hjelpepleier", "omsorgsarbeider", "social- og sundhedsassistent",
                           "social- og sundhedshjælper", "undersköterska", "lähihoitaja", "perushoitaja"]),
            (.midwife, ["midwife", "jordmor", "jordemoder", "barnmorska", "kätilö"]),
            (.porter, ["porter", "portør", "portier", "sjukhusvaktmästare", "välinehuoltaja"]),
            (.student, ["student", "studerende", "studerande", "opiskelija"]),
            (.radiographer, ["radiographer", "radiograf", "röntgensjuksköterska", "röntgenhoitaja"]),
            (.psychologist, ["psychologist", "psykolog", "psykologi"]),
        ]
        for (profession, titles) in lists {
            for title in titles { map[title] = profession }
        }
        return map
    }()
}
