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
    }
}
