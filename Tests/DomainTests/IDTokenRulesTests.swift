import Domain
import Foundation
import Testing

@Suite("ID token rules")
struct IDTokenRulesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func claims(issuer: String? = "https://idp.example", audiences: [String] = ["ivareta"], expires: TimeInterval = 300, issued: TimeInterval = 0,
                nonce: String? = "n-123") -> IDTokenRules.Claims {
        IDTokenRules.Claims(issuer: issuer, audiences: audiences, expiresAt: now.addingTimeInterval(expires), issuedAt: now.addingTimeInterval(issued),
                            nonce: nonce)
    }

    func problems(_ claims: IDTokenRules.Claims) -> [IDTokenRules.Problem] {
        IDTokenRules.problems(claims, issuer: "https://idp.example", clientID: "ivareta", nonce: "n-123", now: now)
    }

    @Test func aTokenFromTheIssuerForUsInTimeWithOurNonceIsAccepted() {
        #expect(problems(claims()).isEmpty)
        #expect(problems(claims(audiences: ["other", "ivareta"])).isEmpty)
        #expect(problems(claims(expires: -59)).isEmpty, "a minute of clock drift")
    }

    @Test func eachWrongClaimIsRefused() {
        #expect(problems(claims(issuer: "https://idp.example/")) == [.issuer])
        #expect(problems(claims(issuer: nil)) == [.issuer])
        #expect(problems(claims(audiences: ["other"])) == [.audience])
        #expect(problems(claims(audiences: [])) == [.audience])
        #expect(problems(claims(expires: -61)) == [.expired])
        #expect(problems(claims(issued: 3600)) == [.issuedInFuture])
        #expect(problems(claims(nonce: "n-124")) == [.nonce])
        #expect(problems(claims(nonce: nil)) == [.nonce])
        #expect(IDTokenRules.problems(claims(nonce: ""), issuer: "https://idp.example", clientID: "ivareta", nonce: "", now: now) == [.nonce],
                "no nonce stored is never a match")
    }
}
