import Domain
import Foundation
import Vapor

/// What the command line may call to import an HR file (the executable sees only what is public). It prints
/// what the administrator's page shows, in English like the rest of the command line.
public enum CommandLineImport {
    public struct Report: Sendable {
        /// False when the file has problems: nothing was written, and `lines` names each one.
        public let valid: Bool
        public let lines: [String]
    }

    public static func run(kind name: String, file: Data, organizationID: UUID, apply: Bool, in app: Application) async throws -> Report {
        guard let kind = ImportKind(rawValue: name) else { throw FirstStart.Refusal(sentence: "Import units or people.") }
        guard try await Organization.find(organizationID, on: app.db) != nil else {
            throw FirstStart.Refusal(sentence: "There is no organization with the id \(organizationID.uuidString.lowercased()) in this database.")
        }
        let t = Localizer(language: .en, catalogue: app.catalogue, timeZone: .defaultForOrganizations)
        let run = HRImports.Run(db: app.db, now: app.environmentals.now(), ids: app.environmentals.uuid, gate: app.writeGate,
                                organizationID: organizationID, actor: nil, sendsEmail: app.mail != nil,
                                emailDigestWindow: app.mail?.digestWindow ?? ChannelPreferences.digestWindow,
                                unusablePasswordHash: app.unknownUserPasswordHash)
        do {
            let preview = apply ? try await HRImports.apply(kind, file: file, run: run) : try await HRImports.preview(kind, file: file, run: run)
            let model = ImportPreviewPageModel(preview, stagedID: organizationID, notice: nil, t: t, csrf: "")
            var lines = [model.heading, model.counts.joined(separator: ", ")]
            for section in model.sections {
                lines += ["", section.heading + ":"] + section.lines.map { "  " + $0 } + (section.more.map { ["  " + $0] } ?? [])
            }
            if let nothing = model.nothing { lines += ["", nothing] }
            if preview.hasWrites { lines += ["", apply ? "Applied." : "Nothing was written yet: add --apply to apply it."] }
            return Report(valid: true, lines: lines)
        } catch HRImports.Failure.invalid(let problems) {
            return Report(valid: false, lines: [t("import.errors_heading") + ". " + t("import.errors_lead")] + problems.map { ImportTexts.line($0, t) })
        }
    }
}
