import Domain
import Testing

@Suite("Crisis numbers")
struct CrisisContactsTests {
    @Test func eachCountryHasNumbersThatAnswerAtNight() {
        #expect(CrisisContacts.nationalDefault(.norway) == CrisisContacts(emergency: "113", outOfHours: "116 117"))
        #expect(CrisisContacts.nationalDefault(.denmark) == CrisisContacts(emergency: "112", outOfHours: "1813"))
        #expect(CrisisContacts.nationalDefault(.finland) == CrisisContacts(emergency: "112", outOfHours: "116 117"))
    }

    @Test func theOrganizationsOwnNumbersWinOneByOne() {
        let region = CrisisContacts.resolve(country: .denmark, emergency: nil, outOfHours: "70 11 31 31")
        #expect(region == CrisisContacts(emergency: "112", outOfHours: "70 11 31 31"))
        #expect(CrisisContacts.resolve(country: .norway, emergency: nil, outOfHours: nil) == .nationalDefault(.norway))
    }

    @Test func aNumberIsWhatCanBeDialled() {
        #expect(CrisisContacts.phoneNumber(" 116 117 ") == "116 117")
        #expect(CrisisContacts.phoneNumber("+45 70-11-31-31") == "+45 70-11-31-31")
        for refused in ["", "12", "+", "call 113", "113+", "-113", "113-", "1\u{202E}13", "١١٣", String(repeating: "1", count: 21)] {
            #expect(CrisisContacts.phoneNumber(refused) == nil, "\(refused)")
        }
    }

    /// The walkthrough's finding: someone who could not sign in got no crisis numbers at all. Each set in use is
    /// shown once, with its country; nothing is guessed from the reader's language.
    @Test func beforeSignInEachSetInUseOnce() {
        let bergen = CrisisContacts(emergency: "113", outOfHours: "55 56 87 00")
        let shown = CrisisContacts.beforeSignIn([(.norway, bergen), (.norway, bergen)])
        #expect(shown.count == 1 && shown.first?.contacts == bergen, "one organization's own numbers")
        let odense = CrisisContacts.nationalDefault(.denmark)
        #expect(CrisisContacts.beforeSignIn([(.norway, bergen), (.denmark, odense)]).map(\.country) == [.denmark, .norway])
        #expect(CrisisContacts.beforeSignIn([]).isEmpty)
    }
}
