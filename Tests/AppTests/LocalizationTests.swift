import Foundation
import Domain
import Testing
@testable import App

@Suite("Languages")
struct LocalizationTests {
    @Test func everyKeyExistsInEveryLanguage() throws {
        let catalogue = try Catalogue.load()
        let english = catalogue.keys(.en)
        #expect(english.count > 150)
        for language in AppLanguage.allCases {
            let keys = catalogue.keys(language)
            #expect(english.subtracting(keys).isEmpty, "missing in \(language.rawValue): \(english.subtracting(keys).sorted())")
            #expect(keys.subtracting(english).isEmpty, "only in \(language.rawValue): \(keys.subtracting(english).sorted())")
            let empty = keys.filter { (catalogue.texts[language]?[$0] ?? "").isEmpty }
            #expect(empty.isEmpty, "empty in \(language.rawValue): \(empty.sorted())")
        }
    }

    /// Keys written literally in the code (`t("…")`) must be in the catalogue; composed keys are covered by
    /// the enumerations test below.
    @Test func everyLiteralKeyInTheCodeIsInTheCatalogue() throws {
        let catalogue = try Catalogue.load()
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/App")
        let pattern = try NSRegularExpression(pattern: #"(?:\bt|localizer|self)\("([a-z_]+(?:\.[a-z_]+)+)""#)
        var used: Set<String> = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { used.insert(String(text[range])) }
            }
        }
        #expect(used.count > 60)
        let missing = used.subtracting(catalogue.keys(.en)).filter { !$0.hasSuffix(".") }
        #expect(missing.isEmpty, "\(missing.sorted())")
    }

    @Test func composedKeysExistForEveryValue() throws {
        let catalogue = try Catalogue.load()
        let keys = catalogue.keys(.en)
        var needed: [String] = []
        for key in Domain.StepKey.allCases {
            needed += ["title", "description", "personal_title", "personal"].map { "step.\(key.rawValue).\($0)" }
        }
        needed += Domain.StepStatus.allCases.flatMap { ["status.\($0.rawValue)", "action.\($0.rawValue)", "action.person.\($0.rawValue)"] }
        needed += Domain.EventKind.allCases.map { "kind.\($0.rawValue)" } + Domain.Severity.allCases.map { "severity.\($0.rawValue)" }
        needed += Domain.EventTag.allCases.map { "tag.\($0.rawValue)" } + Profession.allCases.map { "profession.\($0.rawValue)" }
        needed += Domain.Phase.allCases.map { "phase.\($0.rawValue)" } + AppLanguage.allCases.map { "language.\($0.rawValue)" }
        needed += Domain.CaseStatus.allCases.map { "case.status.\($0.rawValue)" } + JobKind.allCases.map { "jobs.kind.\($0.rawValue)" }
        needed += Domain.MatchRule.allCases.map { "match_rule.\($0.rawValue)" }
        needed += Domain.MatchReason.allCases.map { "match_reason.\($0.rawValue)" }
        needed += Domain.SupportRequestStatus.allCases.map { "support_requests.status.\($0.rawValue)" }
        needed += Domain.SchemeRules.Problem.allCases.map { "scheme.problem.\($0.rawValue)" } + Domain.TeamScope.allCases.map { "scheme.scope.\($0.rawValue)" }
        needed += Domain.DefusingRules.Problem.Kind.allCases.map { "defusing.problem.\($0.rawValue)" }
            + Domain.DefusingReminder.allCases.map { "defusing.reminder.\($0.rawValue)" } + Domain.PracticalHelp.allCases.map { "defusing.help.\($0.rawValue)" }
        needed += Domain.FamilyMeetingRules.Problem.allCases.map { "family.problem.\($0.rawValue)" }
            + Domain.FamilyMeetingKind.allCases.map { "family.kind.\($0.rawValue)" } + Domain.AttendeeRole.allCases.map { "family.role.\($0.rawValue)" }
            + Domain.ReviewConclusion.allCases.map { "review.conclusion.\($0.rawValue)" }
        needed += Domain.LearningReviewRules.Problem.allCases.map { "review.problem.\($0.rawValue)" }
            + Domain.ProposalAnswer.allCases.map { "proposal.answer.\($0.rawValue)" }
        needed += Domain.FollowUpRecords.Problem.allCases.map { "follow_up.problem.\($0.rawValue)" }
            + Domain.MeetingTopic.allCases.map { "follow_up.topic.\($0.rawValue)" } + Domain.AdjustmentKind.allCases.map { "follow_up.kind.\($0.rawValue)" }
        needed += Domain.PasswordPolicy.Problem.allCases.map { "setup.problem.\($0.rawValue)" }
            + Domain.Country.allCases.map { "country.\($0.rawValue)" }
            + ["reset", "invite"].flatMap { texts in ["email_text", "email_open", "email_why", "email_subject"].map { "\(texts).\($0)" } }
            + Invitations.Problem.allCases.map { "invite.problem.\($0.rawValue)" } + Domain.Role.allCases.map { "role.\($0.rawValue)" }
        needed += Domain.RotaException.Kind.allCases.flatMap { ["rota.kind.\($0.rawValue)", "rota.change.\($0.rawValue)"] }
        needed += Domain.ImportProblem.Reason.allCases.map { "import.problem.\($0.rawValue)" } + Domain.ImportKind.allCases.flatMap { ["import.kind.\($0.rawValue)", "import.preview_heading.\($0.rawValue)"] }
            + Domain.UnitField.allCases.map { "import.column.units.\($0.rawValue)" } + Domain.PersonField.allCases.map { "import.column.people.\($0.rawValue)" }
            + Domain.PeopleImport.Change.allCases.map { "import.change.\($0.rawValue)" } + Domain.UnitsImport.Change.allCases.map { "import.change.\($0.rawValue)" }
            + HRImportSettings.Problem.allCases.map { "import.settings_problem.\($0.rawValue)" }
            + ["added", "changed", "moved", "deactivated", "reactivated", "unchanged"].flatMap { ["import.count.\($0).one", "import.count.\($0).other"] }
            + ["added", "changed", "moved", "deactivated", "reactivated", "left", "unmapped", "leaders_gained", "leaders_lost"].map { "import.section.\($0)" }
            + Domain.OrganizationRules.Problem.allCases.filter { $0 != .username && $0 != .email }.map { "org_settings.problem.\($0.rawValue)" }
            + Domain.Country.allCases.map { "org_settings.country.\($0.rawValue)" }
            + ["pathway_handed_over", "pathway_moved_away", "access_widened"].map { "message.\($0)" }
            + ["unknown_person", "deactivated", "refused", "expired", "unavailable", "not_trusted"].map { "sso.\($0)" }
        #expect(Set(needed).subtracting(keys).isEmpty, "\(Set(needed).subtracting(keys).sorted())")
    }

    @Test func languageFollowsTheUsersSettingThenTheBrowser() async throws {
        try await withTestApp { app in
            let visitor = Browser(app)
            visitor.acceptLanguage = "da-DK,da;q=0.9,en;q=0.5"
            let danish = try await visitor.get(SiteRoute.login.path)
            #expect(danish.html.contains("<html lang=\"da\">"))
            #expect(danish.html.contains("Log ind"))
            visitor.acceptLanguage = "nn-NO"
            #expect(try await visitor.get(SiteRoute.login.path).html.contains("<html lang=\"nb\">"))
            visitor.acceptLanguage = "fr-FR"
            #expect(try await visitor.get(SiteRoute.login.path).html.contains("<html lang=\"en\">"))

            let nurse = try await Browser.signedIn(app, as: "nurse")
            nurse.acceptLanguage = "en"
            #expect(try await nurse.post(SiteRoute.language.path, form: [("language", "nb")]).status == .seeOther)
            let page = try await nurse.get(SiteRoute.mySupport.path)
            #expect(page.html.contains("<html lang=\"nb\">"))
            #expect(page.html.contains("Min støtte"))
            #expect(try await nurse.post(SiteRoute.language.path, form: [("language", "klingon")]).status == .badRequest)
        }
    }

    @Test func acceptLanguageQualityValuesAreHonoured() {
        #expect(AppLanguage.preferred(acceptLanguage: "en;q=0.4, da;q=0.8") == .da)
        #expect(AppLanguage.preferred(acceptLanguage: "de, nb-NO;q=0.2") == .nb)
        #expect(AppLanguage.preferred(acceptLanguage: "de") == nil)
        #expect(AppLanguage.preferred(acceptLanguage: nil) == nil)
    }
}
