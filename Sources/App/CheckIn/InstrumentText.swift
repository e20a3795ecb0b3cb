/// An instrument's text in the reader's language. Files are checked to carry every language the product has;
/// English, then any text, stand in should one still be missing.
func instrumentText(_ texts: [String: String], in language: AppLanguage) -> String {
    texts[language.rawValue] ?? texts[AppLanguage.en.rawValue] ?? texts.values.sorted().first ?? ""
}
