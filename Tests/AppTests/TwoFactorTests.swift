import Domain
import Fluent
import Foundation
import HummingbirdOTP
import SQLKit
import Testing
import Vapor
@testable import App

/// Issue 22, part 5: a time-based code as well as the password for every role that reads other people's data.
/// (The codes are checked against an independent implementation, pyotp, in the browser test of first start.)
@Suite("Two-factor sign-in")
struct TwoFactorTests {
    func code(_ app: Application, _ username: String, at time: Date) async throws -> String {
        let account = try await app.account(username)
        let secret = try #require(try await TwoFactorCredentials.find(accountID: try account.requireID(), organizationID: account.organizationID,
                                                                      box: app.secretBox, on: app.db)).secret
        return String(format: "%06d", TOTP(secret: secret).compute(date: time))
    }

    func passwordStep(_ app: Application, _ username: String) async throws -> Browser {
        let browser = Browser(app)
        let answer = try await browser.post(SiteRoute.login.path, form: [("username", username), ("password", DemoSeeder.password)])
        #expect(answer.status == .seeOther && answer.location?.hasPrefix(SiteRoute.signInCode.path) == true, "\(username): \(answer.location ?? "")")
        return browser
    }

    @Test func aLeaderSetsUpTheAppOnceThenSignsInWithACodeNeverTakenTwice() async throws {
        try await withTestApp { app in
            app.settings.requireTwoFactor = true
            let browser = try await passwordStep(app, "leader")
            // The password alone opens nothing but the code page.
            #expect(try await browser.get(SiteRoute.tasks.path).location?.hasPrefix(SiteRoute.login.path) == true)
            let setup = try await browser.get(SiteRoute.signInCode.path)
            #expect(setup.status == .ok && setup.html.contains("Set up two-factor sign-in") && setup.html.contains("otpauth://totp/Ivareta:leader?secret="))
            #expect(setup.html.contains(#"<svg class="qr""#), "the same address as a QR code")
            // Reloading shows the same key.
            let key = try #require(setup.html.firstMatch(of: /class="secret-key">([A-Z2-7 ]+)</)?.output.1)
            #expect(try await browser.get(SiteRoute.signInCode.path).html.contains(String(key)))
            let wrong = try await browser.post(SiteRoute.signInCode.path, form: [("code", "000000")])
            #expect(wrong.status == .unauthorized && wrong.html.contains("That code did not work"))
            let first = try await code(app, "leader", at: pinnedNow)
            let on = try await browser.post(SiteRoute.signInCode.path, form: [("code", first)])
            #expect(on.status == .ok && on.html.contains("Your recovery codes"))
            let recovery = on.html.matches(of: /<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/).map { String($0.output.1) }
            #expect(recovery.count == 10 && Set(recovery).count == 10)
            #expect(try await browser.get(SiteRoute.tasks.path).status == .ok, "signed in")

            // Next time: the code page, and the same code is not taken twice.
            let again = try await passwordStep(app, "leader")
            #expect(try await again.get(SiteRoute.signInCode.path).html.contains("Your code"))
            #expect(try await again.post(SiteRoute.signInCode.path, form: [("code", first)]).status == .unauthorized)
            app.environmentals.now = { pinnedNow.addingTimeInterval(30) }
            let later = try await code(app, "leader", at: pinnedNow.addingTimeInterval(30))
            #expect(try await again.post(SiteRoute.signInCode.path, form: [("code", later)]).location == SiteRoute.home.path)
            #expect(try await again.get(SiteRoute.tasks.path).status == .ok)

            // A recovery code signs in once, typed any which way.
            let lost = try await passwordStep(app, "leader")
            #expect(try await lost.post(SiteRoute.signInCode.path, form: [("code", recovery[3].uppercased().replacing("-", with: " "))]).status
                == .seeOther)
            let lostAgain = try await passwordStep(app, "leader")
            #expect(try await lostAgain.post(SiteRoute.signInCode.path, form: [("code", recovery[3])]).status == .unauthorized)

            // The API asks for the code too.
            let api = APIClient(app: app, token: nil)
            let noCode = try await api.send(.POST, "/api/v1/auth/token", json: ["username": "leader", "password": DemoSeeder.password])
            #expect(noCode.status == .unauthorized && noCode.errorCode == "code_required")
            app.environmentals.now = { pinnedNow.addingTimeInterval(60) }
            let withCode = try await api.send(.POST, "/api/v1/auth/token", json: ["username": "leader", "password": DemoSeeder.password,
                                                                            "code": try await code(app, "leader", at: pinnedNow.addingTimeInterval(60))])
            #expect(withCode.status == .ok)
            // Audited: turned on, and the recovery code used.
            let audited = try await app.db.sql().raw("SELECT object_type FROM audit_entries WHERE object_type IN ('two_factor', 'recovery_code')").all()
                .map { try $0.decode(column: "object_type", as: String.self) }
            #expect(audited.sorted() == ["recovery_code", "two_factor"])
        }
    }

    @Test func whoMustUseACodeAndWhoMayNot() async throws {
        try await withTestApp { app in
            // Off (as on the demo): everyone signs in with the password.
            #expect(try await Browser(app).post(SiteRoute.login.path, form: [("username", "leader"), ("password", DemoSeeder.password)]).location
                == SiteRoute.home.path)
            app.settings.requireTwoFactor = true
            for username in ["leader", "supporter", "coordinator", "quality", "ohs", "admin"] {
                _ = try await passwordStep(app, username)
            }
            // Someone who reads nobody else's data is not made to (it is offered, not forced).
            #expect(try await Browser(app).post(SiteRoute.login.path, form: [("username", "nurse"), ("password", DemoSeeder.password)]).location
                == SiteRoute.home.path)
            let api = APIClient(app: app, token: nil)
            let unset = try await api.send(.POST, "/api/v1/auth/token", json: ["username": "coordinator", "password": DemoSeeder.password])
            #expect(unset.status == .forbidden && unset.errorCode == "two_factor_setup_required")
            // Without the password step, the code page is not there.
            #expect(try await Browser(app).get(SiteRoute.signInCode.path).location == SiteRoute.login.path)
            #expect(try await Browser(app).post(SiteRoute.signInCode.path, form: [("code", "123456")]).location == SiteRoute.login.path)
        }
    }

    @Test func wrongCodesAreSlowedDownLikeWrongPasswords() async throws {
        try await withTestApp { app in
            app.settings.requireTwoFactor = true
            let browser = try await passwordStep(app, "leader")
            _ = try await browser.get(SiteRoute.signInCode.path)
            var statuses: [HTTPStatus] = []
            for _ in 0..<7 { statuses.append(try await browser.post(SiteRoute.signInCode.path, form: [("code", "111111")]).status) }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized })
            #expect(statuses.last == .tooManyRequests)
            // Even the right code waits its turn: nothing is checked while the wait lasts.
            let right = try await code(app, "leader", at: pinnedNow)
            #expect(try await browser.post(SiteRoute.signInCode.path, form: [("code", right)]).status == .tooManyRequests)
        }
    }

    @Test func anyoneMayTurnItOnAndMakeNewRecoveryCodesWithTheApp() async throws {
        try await withTestApp { app in
            let nurse = try await Browser.signedIn(app, as: "nurse")
            #expect(try await nurse.get(SiteRoute.sessions.path).html.contains(SiteRoute.twoFactorSettings.path))
            let off = try await nurse.get(SiteRoute.twoFactorSettings.path)
            #expect(off.status == .ok && off.html.contains("secret-key") && off.html.contains(">Turn on<"))
            #expect(try await nurse.post(SiteRoute.twoFactorSettings.path, form: [("code", "12345x")]).status == .unprocessableEntity)
            let on = try await nurse.post(SiteRoute.twoFactorSettings.path, form: [("code", try await code(app, "nurse", at: pinnedNow))])
            let first = on.html.matches(of: /<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/).map { String($0.output.1) }
            #expect(on.status == .ok && first.count == 10)
            // From now on signing in asks for the code.
            _ = try await passwordStep(app, "nurse")
            #expect(try await nurse.get(SiteRoute.twoFactorSettings.path).html.contains("10 recovery codes are left"))
            // New recovery codes take the app's code, not a recovery code; the old ones stop working.
            #expect(try await nurse.post(SiteRoute.twoFactorSettings.path, form: [("code", first[0])]).status == .unprocessableEntity)
            app.environmentals.now = { pinnedNow.addingTimeInterval(30) }
            let renewed = try await nurse.post(SiteRoute.twoFactorSettings.path, form: [("code", try await code(app, "nurse", at: pinnedNow.addingTimeInterval(30)))])
            let second = renewed.html.matches(of: /<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/).map { String($0.output.1) }
            #expect(renewed.status == .ok && second.count == 10 && Set(second).isDisjoint(with: first))
            let lost = try await passwordStep(app, "nurse")
            #expect(try await lost.post(SiteRoute.signInCode.path, form: [("code", first[1])]).status == .unauthorized)
            #expect(try await lost.post(SiteRoute.signInCode.path, form: [("code", second[1])]).status == .seeOther)
        }
    }

    /// A lost phone with the recovery codes gone: an administrator resets it, the person is signed out everywhere,
    /// told in their inbox, and sets it up again at the next sign-in.
    @Test func anAdministratorResetsSomeonesTwoFactorAfterALostPhone() async throws {
        try await withTestApp { app in
            app.settings.requireTwoFactor = true
            let leader = try await passwordStep(app, "leader")
            _ = try await leader.get(SiteRoute.signInCode.path)
            #expect(try await leader.post(SiteRoute.signInCode.path, form: [("code", try await code(app, "leader", at: pinnedNow))]).status == .ok)
            #expect(try await leader.get(SiteRoute.tasks.path).status == .ok)
            app.settings.requireTwoFactor = false
            let admin = try await Browser.signedIn(app, as: "admin")
            app.settings.requireTwoFactor = true
            let leaderID = try await app.personID("leader")
            let people = try await admin.get(SiteRoute.people.path(PageQuery(search: "Marte")))
            #expect(people.html.contains(SiteRoute.resetTwoFactor(leaderID).path))
            for username in ["nurse", "coordinator", "outsider"] {
                app.settings.requireTwoFactor = false
                let other = try await Browser.signedIn(app, as: username)
                #expect(try await other.post(SiteRoute.resetTwoFactor(leaderID).path, form: []).status == .forbidden, "\(username)")
            }
            #expect(try await admin.post(SiteRoute.resetTwoFactor(leaderID).path, form: []).location?.hasPrefix(SiteRoute.people.path) == true)
            #expect(try await admin.post(SiteRoute.resetTwoFactor(leaderID).path, form: []).status == .notFound, "nothing left to reset")
            // Signed out everywhere, told, and asked to set it up again.
            #expect(try await leader.get(SiteRoute.tasks.path).location?.hasPrefix(SiteRoute.login.path) == true)
            #expect(try await Message.query(on: app.db).filter(\.$recipientPersonID == leaderID).filter(\.$kind == TwoFactorResets.message).count() == 1)
            app.settings.requireTwoFactor = true
            let again = try await passwordStep(app, "leader")
            #expect(try await again.get(SiteRoute.signInCode.path).html.contains("Set up two-factor sign-in"))
        }
    }
}

/// The authenticator secrets, sealed with IVARETA_SECRET_KEY.
@Suite("Sealed authenticator secrets")
struct SecretBoxTests {
    let account = UUID()

    @Test func aSealedSecretOpensOnlyWithItsKeyAndForItsAccount() throws {
        let box = SecretBox(key: SymmetricKey(size: .bits256))
        let sealed = try box.seal("JBSWY3DPEHPK3PXP", for: account)
        #expect(sealed.hasPrefix(SecretBox.prefix) && !sealed.contains("JBSWY3DPEHPK3PXP"))
        #expect(try box.open(sealed, for: account) == "JBSWY3DPEHPK3PXP")
        #expect(throws: SecretBox.Problem.self) { try box.open(sealed, for: UUID()) }
        #expect(throws: SecretBox.Problem.self) { try SecretBox(key: SymmetricKey(size: .bits256)).open(sealed, for: account) }
        #expect(throws: SecretBox.Problem.self) { try SecretBox(key: nil).open(sealed, for: account) }
        // Stored before a key was set: read as it is.
        #expect(try box.open("JBSWY3DPEHPK3PXP", for: account) == "JBSWY3DPEHPK3PXP")
    }

    @Test func withAKeyTheDatabaseHoldsNoReadableSecretAndCodesStillWork() async throws {
        try await withTestApp { app in
            app.settings.secretKey = Data((0..<32).map { UInt8($0) })
            app.settings.requireTwoFactor = true
            let browser = Browser(app)
            let login = try await browser.post(SiteRoute.login.path, form: [("username", "coordinator"), ("password", DemoSeeder.password)])
            #expect(login.location == SiteRoute.signInCode.path)
            let setup = try await browser.get(SiteRoute.signInCode.path)
            let shown = try #require(setup.html.firstMatch(of: /class="secret-key">([A-Z2-7 ]+)</)?.1).replacingOccurrences(of: " ", with: "")
            let stored = try #require(try await app.db.sql().raw("SELECT secret FROM two_factor_credentials").first()?.decode(column: "secret", as: String.self))
            let secret = try app.secretBox.open(stored, for: try await app.account("coordinator").requireID())
            #expect(stored.hasPrefix(SecretBox.prefix) && !stored.contains(shown) && !stored.contains(secret))
            let code = String(format: "%06d", TOTP(secret: secret).compute(date: pinnedNow))
            #expect(try await browser.post(SiteRoute.signInCode.path, form: [("code", code)]).html.contains("Your recovery codes"))
        }
    }
}
