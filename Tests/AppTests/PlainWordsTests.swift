import Domain
import Foundation
import Testing
@testable import App

/// The involved person reads their own pages shaken, often at night: in every language, those pages speak
/// plainly, count correctly, and give numbers that answer at 3 a.m.
@Suite("Plain words")
struct PlainWordsTests {
    /// Words that belong to the software or to leaders, never to the person's own pages.
    static let internalWords: [AppLanguage: [String]] = [
        .en: ["Due ", "Not started", "Recommended because", "Adverse event", "Declined for now", "Accepted", "Overdue", "Near miss"],
        .nb: ["Frist ", "Ikke startet", "Ikke påbegynt", "Anbefalt fordi", "Uønsket hendelse", "Takket nei foreløpig", "Over fristen", "Nestenhendelse"],
        .da: ["Frist ", "Ikke startet", "Anbefalet fordi", "Utilsigtet hændelse", "Fristen er overskredet", "Nærvedhændelse"],
    ]

    /// Status codes and rule names as the code spells them.
    static let codes: [String] = StepKey.allCases.map(\.rawValue).filter { $0.contains("_") }
        + StepStatus.allCases.map(\.rawValue).filter { $0.contains("_") }
        + MatchRule.allCases.map(\.rawValue).filter { $0.contains("_") }

    static func visibleText(_ html: String) -> String {
        var text = html.replacingOccurrences(of: #"<(script|style)[^>]*>.*?</\1>"#, with: " ", options: [.regularExpression])
        text = text.replacingOccurrences(of: #"<[^>]+>"#, with: " ", options: .regularExpression)
        for (entity, character) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " ")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        // Tags around inline text (a number made a link) leave no gap a reader would see.
        return text.replacingOccurrences(of: #" {2,}"#, with: " ", options: .regularExpression)
    }

    @Test func thePersonsOwnPagesUseNoInternalWordsInAnyLanguage() async throws {
        try await withTestApp { app in
            let nurse = try await Browser.signedIn(app, as: "nurse")
            let mine = try await nurse.get(SiteRoute.mySupport.path).html
            let cases = Set(mine.matches(of: /href="(\/cases\/[0-9A-Fa-f-]{36})"/).map { String($0.output.1) })
            #expect(!cases.isEmpty)
            let request = try await nurse.post(SiteRoute.requestSupport.path, form: [])
            let requestPage = try #require(request.location)
            for language in AppLanguage.allCases {
                #expect(try await nurse.post(SiteRoute.language.path, form: [("language", language.rawValue)]).status == .seeOther)
                let paths = [SiteRoute.mySupport.path, SiteRoute.requestSupport.path, SiteRoute.inbox.path, requestPage] + cases.sorted()
                for path in paths {
                    let page = try await nurse.get(path)
                    #expect(page.status == .ok, "\(path)")
                    let text = Self.visibleText(page.html)
                    #expect(page.html.contains("<html lang=\"\(language.rawValue)\">"))
                    for word in (Self.internalWords[language] ?? []) + Self.codes {
                        #expect(!text.contains(word), "\(language.rawValue) \(path) shows “\(word)”")
                    }
                    #expect(!text.contains("{"), "\(language.rawValue) \(path) shows a placeholder")
                }
            }
        }
    }

    /// The texts written for the person, wherever they are shown, keep to the person's words.
    @Test func theCataloguesTextsForThePersonUseNoInternalWords() throws {
        let catalogue = try Catalogue.load()
        let prefixes = ["status.person.", "action.person.", "request.", "support.", "case.after_event", "case.own_request", "support_request.wishes.own"]
        for language in AppLanguage.allCases {
            let texts = catalogue.texts[language] ?? [:]
            let personal = texts.filter { key, _ in
                prefixes.contains { key.hasPrefix($0) } || (key.hasPrefix("step.") && (key.hasSuffix(".personal") || key.hasSuffix(".personal_title")))
            }
            #expect(personal.count > 40)
            for (key, text) in personal {
                for word in (Self.internalWords[language] ?? []) + Self.codes {
                    #expect(!text.contains(word), "\(language.rawValue) \(key): “\(word)”")
                }
            }
        }
    }

    @Test func countsTakeTheFormTheirNumberNeeds() throws {
        let catalogue = try Catalogue.load()
        for language in AppLanguage.allCases {
            let keys = catalogue.keys(language)
            // A value named `other` (a profession, a role) is not a plural; a key with a `.one` form is.
            let bases = Set(keys.filter { $0.hasSuffix(".one") }.map { String($0.dropLast(4)) })
            #expect(bases.count >= 10)
            for base in bases {
                #expect(keys.contains(base + ".one") && keys.contains(base + ".other"), "\(language.rawValue) \(base)")
                #expect(!keys.contains(base), "\(language.rawValue) \(base) is both a text and a plural")
                #expect(catalogue.text(base + ".other", language).contains("{count}"), "\(language.rawValue) \(base).other names no count")
            }
        }
        let english = Localizer(language: .en, catalogue: catalogue, timeZone: .gmt)
        #expect(english.plural("tasks.more", 1) == "and 1 more step")
        #expect(english.plural("tasks.more", 2) == "and 2 more steps")
        #expect(english.plural("inbox.bell", 0) == "Inbox: 0 unread")
        let norwegian = Localizer(language: .nb, catalogue: catalogue, timeZone: .gmt)
        #expect(norwegian.plural("inbox.bell", 1) == "Innboks: 1 ulest")
        #expect(norwegian.plural("inbox.bell", 3) == "Innboks: 3 uleste")
        let danish = Localizer(language: .da, catalogue: catalogue, timeZone: .gmt)
        #expect(danish.plural("program.waited_minutes", 1) == "for 1 minut siden")
        #expect(danish.plural("program.waited_minutes", 5) == "for 5 minutter siden")
    }

    /// `t.plural("key", n)` in the code needs both forms in the catalogue.
    @Test func everyPluralInTheCodeHasBothForms() throws {
        let catalogue = try Catalogue.load()
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/App")
        let pattern = try NSRegularExpression(pattern: #"\bplural\("([a-z_]+(?:\.[a-z_]+)+)""#)
        var used: Set<String> = []
        for file in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap({ $0 as? URL }) ?? [] where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { used.insert(String(text[range])) }
            }
        }
        #expect(used.count >= 10)
        let missing = used.flatMap { [$0 + ".one", $0 + ".other"] }.filter { !catalogue.keys(.en).contains($0) }
        #expect(missing.isEmpty, "\(missing.sorted())")
    }

    @Test func crisisHelpGivesNumbersThatAnswerAtNightWithNationalDefaults() async throws {
        try await withTestApp { app in
            let nurse = try await Browser.signedIn(app, as: "nurse")
            let norwegian = Self.visibleText(try await nurse.get(SiteRoute.requestSupport.path).html)
            #expect(norwegian.contains("Call 113 now") && norwegian.contains("out-of-hours medical service on 116 117"))
            let danish = Self.visibleText(try await Browser.signedIn(app, as: "outsider").get(SiteRoute.mySupport.path).html)
            #expect(danish.contains("112") && danish.contains("1813"))
            for language in AppLanguage.allCases {
                let text = try Catalogue.load().text("support.crisis", language)
                for word in ["doctor", "GP", "fastlege", "egen læge"] { #expect(!text.contains(word), "\(language.rawValue): \(word)") }
            }

            // The coordinator sets the region's own out-of-hours number; everyone sees it at once.
            let coordinator = try await Browser.signedIn(app, as: "coordinator")
            let saved = try await coordinator.post(SiteRoute.setCrisisContacts.path, form: [
                ("emergency", ""), ("outOfHours", " +47 55 56 87 00 "), ("shownEmergency", ""), ("shownOutOfHours", ""),
            ])
            #expect(saved.status == .seeOther)
            let after = Self.visibleText(try await nurse.get(SiteRoute.mySupport.path).html)
            #expect(after.contains("Call 113 now") && after.contains("on +47 55 56 87 00"))
            let scheme = try await coordinator.get(SiteRoute.programScheme.path).html
            #expect(scheme.contains("value=\"+47 55 56 87 00\"") && scheme.contains("the national number, 116 117"))

            // A form shown before that change does not overwrite it unseen.
            let stale = try await coordinator.post(SiteRoute.setCrisisContacts.path, form: [
                ("emergency", "112"), ("outOfHours", ""), ("shownEmergency", ""), ("shownOutOfHours", ""),
            ])
            #expect(stale.status == .conflict)
            // Something that cannot be dialled is refused, in words, and nothing changes.
            for hostile in ["call me", "<script>1</script>", "113; DROP TABLE organizations", "+", "12", String(repeating: "1", count: 21), "1\u{202E}13"] {
                let refused = try await coordinator.post(SiteRoute.setCrisisContacts.path, form: [
                    ("emergency", hostile), ("outOfHours", ""), ("shownEmergency", ""), ("shownOutOfHours", "+47 55 56 87 00"),
                ])
                #expect(refused.status == .unprocessableEntity && refused.html.contains("Nothing was saved"), "\(hostile)")
            }
            #expect(Self.visibleText(try await nurse.get(SiteRoute.mySupport.path).html).contains("on +47 55 56 87 00"))
            // Emptied, the national number is back.
            #expect(try await coordinator.post(SiteRoute.setCrisisContacts.path, form: [
                ("emergency", ""), ("outOfHours", ""), ("shownEmergency", ""), ("shownOutOfHours", "+47 55 56 87 00"),
            ]).status == .seeOther)
            #expect(Self.visibleText(try await nurse.get(SiteRoute.mySupport.path).html).contains("on 116 117"))

            // Only a coordinator sets them.
            for username in ["nurse", "leader", "supporter", "quality", "outsider"] {
                let other = try await Browser.signedIn(app, as: username)
                let refused = try await other.post(SiteRoute.setCrisisContacts.path, form: [
                    ("emergency", "999"), ("outOfHours", ""), ("shownEmergency", ""), ("shownOutOfHours", ""),
                ])
                #expect(refused.status == .forbidden || refused.status == .notFound, "\(username): \(refused.status)")
            }
            #expect(Self.visibleText(try await nurse.get(SiteRoute.mySupport.path).html).contains("Call 113 now"))
        }
    }
}
