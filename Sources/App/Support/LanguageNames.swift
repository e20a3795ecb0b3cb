import Foundation

extension Localizer {
    /// A language's name in the reader's language (`pl` → "polsk" for a Norwegian reader), or the code itself
    /// when Foundation does not know it.
    func languageName(_ code: String) -> String {
        Locale(identifier: language.rawValue).localizedString(forLanguageCode: code) ?? code
    }
}
