import Domain
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

@Suite("Signing in and out")
struct SignInTests {
    /// The walkthrough's finding: someone who could not sign in got no crisis numbers and no word on whom to ask.
    @Test func theLoginPageGivesTheCrisisNumbersAndSaysWhomToAsk() async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            // The demo's two organizations are in Norway and Denmark: both sets are shown, each with its country,
            // whatever the browser's language (a Danish speaker may work in the Norwegian hospital).
            for language in ["en", "da-DK"] {
                browser.acceptLanguage = language
                let page = try await browser.get(SiteRoute.login.path).html
                #expect(page.contains("href=\"tel:113\"") && page.contains("href=\"tel:116117\""), "\(language)")
                #expect(page.contains("href=\"tel:112\"") && page.contains("href=\"tel:1813\""), "\(language)")
                #expect(page.contains(language == "en" ? "In Norway" : "I Norge"), "\(language)")
            }
            browser.acceptLanguage = "en"
            #expect(try await browser.get(SiteRoute.login.path).html.contains("Ask your leader or your IT service desk"))
            // Where every organization agrees (one hospital's own server), their numbers are shown, without a country.
            try await app.db.sql().raw("UPDATE organizations SET country = 'NO'").run()
            let one = try await browser.get(SiteRoute.login.path).html
            #expect(one.contains("href=\"tel:113\"") && !one.contains("tel:1813") && !one.contains("In Norway"))
        }
    }

    @Test func repeatedFailedLoginsMustWaitAndSaySo() async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            for _ in 0..<LoginThrottle.perAccount.failures {
                #expect(try await browser.post(SiteRoute.login.path, form: [("username", "leader"), ("password", "guess")]).status == .unauthorized)
            }
            // Now even the right password waits a moment: the guesser cannot tell that it was right.
            let held = try await browser.post(SiteRoute.login.path, form: [("username", "Leader "), ("password", DemoSeeder.password)])
            #expect(held.status == .tooManyRequests)
            #expect(held.html.contains("wait a second and try again"))
            #expect(browser.cookies[Tokens.sessionCookie] == nil)
            let api = try await APIClient(app: app, token: nil).send(.POST, "/api/v1/auth/token", json: ["username": "leader", "password": DemoSeeder.password])
            #expect(api.status == .tooManyRequests)
            #expect(api.errorCode == "too_many_attempts")
            #expect(api.headers.first(name: .retryAfter) == "1")

            // Another account from the same address is not held by the leader's failures.
            #expect(try await Browser(app).post(SiteRoute.login.path, form: [("username", "nurse"), ("password", DemoSeeder.password)]).status == .seeOther)

            app.environmentals.now = { pinnedNow.addingTimeInterval(2) }
            #expect(try await browser.post(SiteRoute.login.path, form: [("username", "leader"), ("password", DemoSeeder.password)]).status == .seeOther)
        }
    }

    /// The attack's finding: five wrong passwords from anywhere locked the real user out for 15 minutes,
    /// renewable forever, and 50 from a hospital's shared address locked out everyone behind it. Now an attacker
    /// failing without pause for two minutes slows their own tries to one a minute, and the real user, on a
    /// phone they signed in on before, gets in at once — from the same shared address too.
    @Test func anAttackerFailingForTwoMinutesCannotKeepTheRealUserOut() async throws {
        try await withTestApp { app in
            // The nurse's own phone: signed in once, so it carries a device cookie for her account.
            let phone = try await Browser.signedIn(app, as: "nurse")
            let cookieName = TrustedDevices.cookieName(for: "nurse")
            #expect(phone.cookies[cookieName] != nil)
            _ = try await phone.post(SiteRoute.logout.path, form: [])
            // The attacker, from the same shared address, tries as fast as the server lets them for two minutes,
            // on her username and on made-up ones, past the address's free failures.
            let attacker = Browser(app)
            var tries = 0, checked = 0, longestWait = 0
            var clock = pinnedNow
            while clock < pinnedNow.addingTimeInterval(120) {
                let moment = clock
                app.environmentals.now = { moment }
                let guess = try await attacker.post(SiteRoute.login.path, form: [("username", tries % 2 == 0 ? "nurse" : "made-up-\(tries)"), ("password", "guess")])
                tries += 1
                if guess.status == .unauthorized { checked += 1 }
                if guess.status == .tooManyRequests, let wait = guess.html.firstMatch(of: /wait (\d+) seconds/).flatMap({ Int($0.1) }) { longestWait = max(longestWait, wait) }
                clock = clock.addingTimeInterval(0.5)
            }
            #expect(tries == 240)
            #expect(longestWait <= 60, "slowed down, never locked for a quarter of an hour")
            // Her own phone gets in at once, on the first try.
            let back = try await phone.post(SiteRoute.login.path, form: [("username", "nurse"), ("password", DemoSeeder.password)])
            #expect(back.status == .seeOther && phone.cookies[Tokens.sessionCookie] != nil)
            // Someone on a browser she never used is only slowed down, and gets in once the wait is over.
            let newDevice = Browser(app)
            let slowed = try await newDevice.post(SiteRoute.login.path, form: [("username", "nurse"), ("password", DemoSeeder.password)])
            #expect(slowed.status == .tooManyRequests || slowed.status == .seeOther)
            if slowed.status == .tooManyRequests {
                let later = clock.addingTimeInterval(61)
                app.environmentals.now = { later }
                #expect(try await newDevice.post(SiteRoute.login.path, form: [("username", "nurse"), ("password", DemoSeeder.password)]).status == .seeOther)
            }
            // A stolen device cookie guessing on its own is stopped after five failures, for that device only.
            let guessingPhone = Browser(app)
            guessingPhone.cookies[cookieName] = phone.cookies[cookieName]
            for _ in 0..<LoginThrottle.perDevice.failures {
                #expect(try await guessingPhone.post(SiteRoute.login.path, form: [("username", "nurse"), ("password", "guess")]).status == .unauthorized)
            }
            #expect(try await guessingPhone.post(SiteRoute.login.path, form: [("username", "nurse"), ("password", DemoSeeder.password)]).status == .tooManyRequests)
        }
    }

    /// Fills the untrusted lane with checks held until `body` has run, then lets them go; returns what `body`
    /// returned followed by the held checks' results.
    static func withTheUntrustedLaneFull(_ checks: PasswordChecks, _ body: (HeldHasher) async throws -> [Bool?]) async throws -> [Bool?] {
        let hasher = HeldHasher()
        return try await withThrowingTaskGroup(of: Bool?.self) { group in
            for _ in 0..<PasswordChecks.maxInFlight {
                group.addTask { try await checks.verify("pw", created: "hash", with: hasher) }
            }
            // Wait until every admitted check is queued or running.
            while checks.inFlightCount() < PasswordChecks.maxInFlight || hasher.started < 1 { await Task.yield() }
            var all = try await body(hasher)
            hasher.release()
            for try await result in group { all.append(result) }
            return all
        }
    }

    /// A flood of guesses fills the lane of untrusted checks; a login from a trusted device has its own.
    @Test func aTrustedDeviceIsCheckedInALaneOfItsOwn() async throws {
        let checks = PasswordChecks(threads: 1)
        defer { try? checks.shutdown() }
        let results = try await Self.withTheUntrustedLaneFull(checks) { hasher in
            [try await checks.verify("pw", created: "hash", with: hasher), try await checks.verify("pw", created: "hash", with: FreeHasher(), lane: .trusted)]
        }
        #expect(results[0] == nil, "the untrusted lane is full")
        #expect(results[1] == true, "the trusted device is checked at once, beside the flood")
    }

    @Test func theThrottledSentenceIsInTheUsersLanguage() async throws {
        try await withTestApp { app in
            let browser = Browser(app)
            browser.acceptLanguage = "nb"
            for _ in 0...LoginThrottle.perAccount.failures {
                _ = try await browser.post(SiteRoute.login.path, form: [("username", "nobody-at-all"), ("password", "guess")])
            }
            let held = try await browser.post(SiteRoute.login.path, form: [("username", "nobody-at-all"), ("password", "guess")])
            #expect(held.status == .tooManyRequests)
            #expect(held.html.contains("må du vente et sekund og prøve igjen"))
        }
    }

    /// Tries sent at the same moment are counted as they arrive, so a burst cannot slip past the limit.
    @Test func aBurstOfGuessesGetsNoMoreTriesThanTheLimit() async throws {
        try await withTestApp { app in
            let anonymous = APIClient(app: app, token: nil)
            let answers = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await anonymous.send(.POST, "/api/v1/auth/token", raw: #"{"username":"quality","password":"guess"}"#).status }
                }
                var all: [HTTPStatus] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(answers.filter { $0 == .unauthorized }.count == LoginThrottle.perAccount.failures, "\(answers)")
            #expect(answers.filter { $0 == .tooManyRequests }.count == 20 - LoginThrottle.perAccount.failures)
        }
    }

    /// Password checks wait on threads of their own, and only so many: beyond that the answer is "busy" at
    /// once, instead of every page waiting behind a flood of logins.
    @Test func aFloodOfPasswordChecksIsToldBusyInsteadOfQueuedForever() async throws {
        let checks = PasswordChecks(threads: 1)
        defer { try? checks.shutdown() }
        // With every admitted check queued or running, one more must be turned away.
        let results = try await Self.withTheUntrustedLaneFull(checks) { hasher in [try await checks.verify("pw", created: "hash", with: hasher)] }
        #expect(results.first == .some(nil), "the check beyond the limit is turned away")
        #expect(results.dropFirst().allSatisfy { $0 == true })
    }

    @Test func oneAddressCannotTryManyAccounts() {
        var throttle = LoginThrottle()
        let now = pinnedNow
        for index in 0..<LoginThrottle.perAddress.failures {
            throttle.recordFailure([.account("user\(index)"), .address("10.0.0.9")], now: now.addingTimeInterval(Double(index)))
        }
        let later = now.addingTimeInterval(Double(LoginThrottle.perAddress.failures - 1) + 0.5)
        #expect(throttle.wait(for: [.account("someone-else"), .address("10.0.0.9")], now: later) != nil)
        #expect(throttle.wait(for: [.account("someone-else"), .address("10.0.0.10")], now: later) == nil)
        #expect(throttle.wait(for: [.account("someone-else"), .address("10.0.0.9")], now: now.addingTimeInterval(LoginThrottle.perAddress.window + 1)) == nil)
    }

    @Test func loggingOutEverywhereEndsEverySessionAndToken() async throws {
        try await withTestApp { app in
            let phone = try await Browser.signedIn(app, as: "leader")
            let laptop = try await Browser.signedIn(app, as: "leader")
            let api = try await APIClient.signIn(app, as: "leader")
            let nurseAPI = try await APIClient.signIn(app, as: "nurse")
            #expect(try await phone.get(SiteRoute.tasks.path).html.contains("Log out on all devices"))

            #expect(try await laptop.post(SiteRoute.logout.path, form: [("everywhere", "true")]).location?.hasPrefix(SiteRoute.login.path) == true)
            #expect(try await phone.get(SiteRoute.tasks.path).location?.hasPrefix(SiteRoute.login.path) == true)
            #expect(try await api.send(.GET, "/api/v1/me").status == .unauthorized)
            #expect(try await nurseAPI.send(.GET, "/api/v1/me").status == .ok, "another person's tokens are theirs")
        }
    }

    @Test func afterLoggingInYouAreBackWhereYouWere() async throws {
        try await withTestApp { app in
            let caseID = try await app.caseID(of: "nurse")
            let browser = Browser(app)
            let asked = try await browser.get(SiteRoute.caseDetail(caseID).path)
            let location = try #require(asked.location)
            #expect(location == SiteRoute.login.path(PageQuery(next: SiteRoute.caseDetail(caseID).path)))
            let login = try await browser.get(location)
            #expect(login.html.contains("name=\"next\" value=\"\(SiteRoute.caseDetail(caseID).path)\""))
            let signedIn = try await browser.post(SiteRoute.login.path, form: [
                ("username", "nurse"), ("password", DemoSeeder.password), ("next", SiteRoute.caseDetail(caseID).path)])
            #expect(signedIn.location == SiteRoute.caseDetail(caseID).path)

            // Somewhere else, or a path that is no page of ours, leads home instead.
            for hostile in ["//evil.example/x", "https://evil.example/", "/\\evil.example", "/no/such/page", "/logout", "/login"] {
                let other = Browser(app)
                let answer = try await other.post(SiteRoute.login.path, form: [("username", "nurse"), ("password", DemoSeeder.password), ("next", hostile)])
                #expect(answer.location == SiteRoute.home.path, "\(hostile)")
            }
        }
    }

    @Test func aFormSentAfterTheSessionEndedIsNotLostWithoutAWord() async throws {
        try await withTestApp { app in
            let phone = try await Browser.signedIn(app, as: "nurse")
            let laptop = try await Browser.signedIn(app, as: "nurse")
            _ = try await phone.get(SiteRoute.requestSupport.path)
            #expect(try await laptop.post(SiteRoute.logout.path, form: [("everywhere", "true")]).status == .seeOther)
            let before = try await Case.query(on: app.db).count()
            let sent = try await phone.post(SiteRoute.requestSupport.path, form: [("outsideUnit", "true")])
            #expect(try await Case.query(on: app.db).count() == before)
            let location = try #require(sent.location)
            #expect(location.hasPrefix(SiteRoute.login.path))
            let login = try await phone.get(location)
            #expect(login.html.contains("what you just sent was not saved"))
            #expect(login.html.contains("class=\"flash attention\""))

            let loggedOut = try await laptop.get(SiteRoute.login.path(PageQuery(notice: .loggedOut)))
            #expect(loggedOut.html.contains("You are logged out."))
        }
    }

    @Test func anAPITokenCanBeEndedByItsHolder() async throws {
        try await withTestApp { app in
            let first = try await APIClient.signIn(app, as: "leader")
            let second = try await APIClient.signIn(app, as: "leader")
            #expect(try await first.send(.DELETE, "/api/v1/auth/token").status == .noContent)
            #expect(try await first.send(.GET, "/api/v1/me").status == .unauthorized)
            #expect(try await second.send(.GET, "/api/v1/me").status == .ok)
            #expect(try await first.send(.DELETE, "/api/v1/auth/token").status == .unauthorized)
        }
    }
}

/// A hasher that holds every check until released, so a test can fill the queue without a clock.
final class HeldHasher: PasswordHasher, @unchecked Sendable {
    private let gate = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var count = 0
    private var released = false

    var started: Int { lock.withLock { count } }

    func release() {
        lock.withLock { released = true }
        gate.signal()
    }

    func hash<Password: DataProtocol>(_ password: Password) throws -> [UInt8] { [] }

    func verify<Password: DataProtocol, Digest: DataProtocol>(_ password: Password, created digest: Digest) throws -> Bool {
        lock.withLock { count += 1 }
        if !lock.withLock({ released }) {
            gate.wait()
            gate.signal()
        }
        return true
    }
}

/// A hasher that answers at once.
private struct FreeHasher: PasswordHasher {
    func hash<Password: DataProtocol>(_ password: Password) throws -> [UInt8] { [] }

    func verify<Password: DataProtocol, Digest: DataProtocol>(_ password: Password, created digest: Digest) throws -> Bool { true }
}
