import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// Issue 22, part 2: the administrator's import pages and the import API.
@Suite("HR import: pages and API")
struct HRImportWebTests {
    @Test func theAdministratorUploadsChecksAndAppliesAFileOnce() async throws {
        try await withTestApp { app in
            let admin = try await Browser.signedIn(app, as: "admin")
            let page = try await admin.get(SiteRoute.imports.path)
            #expect(page.status == .ok && page.html.contains(#"enctype="multipart/form-data""#) && page.html.contains("Check the file"))
            // A form sent without a file says so, on that form.
            let empty = try await admin.upload(SiteRoute.imports.path, fields: [("kind", "units")], file: ("file", "units.csv", Data()))
            #expect(empty.status == .unprocessableEntity && empty.html.contains("Choose a file to check."))
            // A good file is held, and its preview lists what it would add; nothing is written yet.
            let units = try HRImportTests.example("units.csv")
            let uploaded = try await admin.upload(SiteRoute.imports.path, fields: [("kind", "units")], file: ("file", "units.csv", units))
            #expect(uploaded.status == .seeOther)
            let previewPath = try #require(uploaded.location)
            let preview = try await admin.get(previewPath)
            #expect(preview.status == .ok && preview.html.contains("7 new") && preview.html.contains("Sengepost 3, medisin (MED-SENG)"))
            #expect(try await HRImportTests.count(app, "units WHERE code IS NOT NULL") == 0)
            let fingerprint = try #require(preview.html.firstMatch(of: /name="fingerprint" value="([0-9a-f]+)"/)?.1)
            // Applied once; a second click (or another tab) finds the file gone and changes nothing.
            let applyPath = String(previewPath) + "/apply"
            let applied = try await admin.post(applyPath, form: [("fingerprint", String(fingerprint))])
            #expect(applied.status == .seeOther && applied.location == SiteRoute.imports.path(PageQuery(notice: .saved)))
            #expect(try await HRImportTests.count(app, "units WHERE code IS NOT NULL") == 7)
            let again = try await admin.post(applyPath, form: [("fingerprint", String(fingerprint))])
            #expect(again.status == .gone && again.html.contains("no longer held"))
            #expect(try await HRImportTests.count(app, "units WHERE code IS NOT NULL") == 7)
            let after = try await admin.get(SiteRoute.imports.path(PageQuery(notice: .saved)))
            #expect(after.html.contains("The file was applied.") && after.html.contains("Last import: units"))
        }
    }

    @Test func whatChangedSinceThePreviewIsShownFreshAndNotApplied() async throws {
        try await withTestApp { app in
            let admin = try await Browser.signedIn(app, as: "admin")
            let api = try await APIClient.signIn(app, as: "admin")
            let units = try HRImportTests.example("units.csv")
            #expect(try await api.send(.POST, APIRoute.importUnits.path + "?apply=true", bytes: Array(units), contentType: .init(type: "text", subType: "csv")).status == .ok)
            let people = try HRImportTests.example("people.csv")
            let uploaded = try await admin.upload(SiteRoute.imports.path, fields: [("kind", "people")], file: ("file", "people.csv", people))
            let previewPath = try #require(uploaded.location)
            let fingerprint = try #require(try await admin.get(previewPath).html.firstMatch(of: /name="fingerprint" value="([0-9a-f]+)"/)?.1)
            // Another administrator applies the same file first through the API.
            #expect(try await api.send(.POST, APIRoute.importPeople.path + "?apply=true", bytes: Array(people), contentType: .init(type: "text", subType: "csv")).status == .ok)
            let late = try await admin.post(previewPath + "/apply", form: [("fingerprint", String(fingerprint))])
            #expect(late.status == .conflict && late.html.contains("changed after you checked") && late.html.contains("nothing to change"))
            #expect(try await HRImportTests.count(app, "people WHERE employee_number IS NOT NULL") == 16)
        }
    }

    @Test func hostileTextInAFileIsShownAsTextAndAnotherOrganizationsFileIsNotFound() async throws {
        try await withTestApp { app in
            let admin = try await Browser.signedIn(app, as: "admin")
            let file = Data("unit_code,unit_name,parent_unit_code,leader_employee_number\n\"<script>alert(1)</script>\",\"Ward <b>&amp; \"\"x\"\"</b>\",,\n".utf8)
            let uploaded = try await admin.upload(SiteRoute.imports.path, fields: [("kind", "units")], file: ("file", "u.csv", file))
            let preview = try await admin.get(try #require(uploaded.location))
            #expect(preview.status == .ok && !preview.html.contains("<script>alert") && preview.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(try await admin.get(SiteRoute.importPreview(UUID()).path).status == .gone)
            // Everyone else is refused every import page.
            for username in ["leader", "coordinator", "nurse", "supporter"] {
                let other = try await Browser.signedIn(app, as: username)
                #expect(try await other.get(SiteRoute.imports.path).status == .forbidden, "\(username)")
                #expect(try await other.get(try #require(uploaded.location)).status == .forbidden, "\(username)")
                #expect(try await other.get(SiteRoute.importSettings.path).status == .forbidden, "\(username)")
            }
        }
    }

    @Test func theAPIChecksAppliesAndRefuses() async throws {
        try await withTestApp { app in
            let csv = HTTPMediaType(type: "text", subType: "csv")
            let leader = try await APIClient.signIn(app, as: "leader")
            #expect(try await leader.send(.POST, APIRoute.importUnits.path, bytes: Array("a,b\n".utf8), contentType: csv).status == .forbidden)
            let api = try await APIClient.signIn(app, as: "admin")
            #expect(try await api.send(.POST, APIRoute.importUnits.path, json: ["x": 1]).status == .unsupportedMediaType)
            #expect(try await api.send(.POST, APIRoute.importUnits.path + "?apply=yes", bytes: Array("a\n".utf8), contentType: csv).status == .badRequest)
            let units = Array(try HRImportTests.example("units.csv"))
            let checked = try await api.send(.POST, APIRoute.importUnits.path, bytes: units, contentType: csv)
            #expect(checked.status == .ok && checked.json["added"] as? Int == 7 && (checked.json["errors"] as? [Any])?.isEmpty == true)
            #expect(try await HRImportTests.count(app, "units WHERE code IS NOT NULL") == 0)
            let applied = try await api.send(.POST, APIRoute.importUnits.path + "?apply=true", bytes: units, contentType: csv,
                                             headers: [("Idempotency-Key", "hr-units-1")])
            #expect(applied.status == .ok && applied.json["added"] as? Int == 7)
            // The same request again (a retry after a lost answer) gets the first answer, and nothing more is written.
            let retried = try await api.send(.POST, APIRoute.importUnits.path + "?apply=true", bytes: units, contentType: csv,
                                             headers: [("Idempotency-Key", "hr-units-1")])
            #expect(retried.status == .ok && retried.json["added"] as? Int == 7 && retried.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(try await HRImportTests.count(app, "units WHERE code IS NOT NULL") == 7)
            let otherFile = try await api.send(.POST, APIRoute.importUnits.path + "?apply=true", bytes: Array("unit_code,unit_name\nX,Other\n".utf8),
                                               contentType: csv, headers: [("Idempotency-Key", "hr-units-1")])
            #expect(otherFile.status == .conflict)
            // Without a key, the same file again changes nothing and says so.
            let again = try await api.send(.POST, APIRoute.importUnits.path + "?apply=true", bytes: units, contentType: csv)
            #expect(again.status == .ok && again.json["unchanged"] as? Int == 7 && again.json["added"] as? Int == 0)
            let broken = try await api.send(.POST, APIRoute.importPeople.path + "?apply=true",
                                            bytes: Array("employee_number;name;email;title;unit_codes;language;manager_employee_number\n1;Ann;;;NOPE;;\n2;;;;MED;;\n".utf8),
                                            contentType: csv)
            #expect(broken.status == .unprocessableEntity && broken.json["added"] as? Int == 0)
            let errors = try #require(broken.json["errors"] as? [[String: Any]])
            #expect(errors.map { "\($0["line"] ?? "") \($0["column"] ?? "")" } == ["2 unit_codes", "3 name"])
            #expect((errors.first?["message"] as? String)?.contains("NOPE") == true)
            #expect(try await HRImportTests.count(app, "people WHERE employee_number IS NOT NULL") == 0)
        }
    }
}
