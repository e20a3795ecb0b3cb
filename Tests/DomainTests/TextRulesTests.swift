import Testing
@testable import Domain

@Suite("Free text")
struct TextRulesTests {
    @Test func textThatReadsDifferentlyFromWhatIsStoredIsRefused() {
        #expect(TextRules.isAcceptable("Read back every dose – ætt, øy, 漢字, مرحبا", multiline: false))
        #expect(!TextRules.isAcceptable("invoice\u{202E}txt.exe", multiline: false))
        #expect(!TextRules.isAcceptable("a\u{2066}b", multiline: false))
        #expect(!TextRules.isAcceptable("a\u{0}b", multiline: true))
        #expect(TextRules.isAcceptable("two\nlines", multiline: true) && !TextRules.isAcceptable("two\nlines", multiline: false))
        // The attack on first start: direction marks, zero-width spaces and the byte-order mark passed.
        for hidden in ["\u{200E}", "\u{200F}", "\u{061C}", "\u{200B}", "\u{FEFF}", "\u{00AD}"] {
            #expect(!TextRules.isAcceptable("Evil\(hidden)Name", multiline: false), "\(hidden.unicodeScalars.first!.value)")
        }
        // Joiners stay: emoji and some scripts need them.
        #expect(TextRules.isAcceptable("Team 👩\u{200D}⚕️", multiline: false))
    }

    @Test func aPasswordOfFewDifferentCharactersIsCommon() {
        for weak in ["          ab", "aaaaaaaaaa12", "passwordpassword", "qwertyuiopas", "123456789012", "Password1234"] {
            #expect(PasswordPolicy.problems(weak, confirmation: weak, username: "kari").contains(.common), "\(weak)")
        }
        for good in ["blå kjele ved elva", "Tr4ns-Fjord-92"] {
            #expect(PasswordPolicy.problems(good, confirmation: good, username: "kari").isEmpty, "\(good)")
        }
        #expect(PasswordPolicy.problems(String(repeating: "å", count: 37), confirmation: String(repeating: "å", count: 37), username: "kari")
            .contains(.tooLong))
    }
}
