import App
import ArgumentParser
import Foundation
import Vapor

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Check an HR file (units or people) against an organization and print what it would change; --apply applies it.",
        discussion: "Exits 1, with every bad line, when the file is not valid; nothing is written then. See docs/setup.md for the columns.")

    @OptionGroup var database: DatabaseOptions

    @ArgumentParser.Argument(help: "units or people")
    var kind: String

    @ArgumentParser.Argument(help: "The CSV file, as HR exported it.")
    var file: String

    @ArgumentParser.Option(help: "The organization's id, as `organization create` printed it.")
    var organization: String

    @ArgumentParser.Flag(help: "Apply the changes, in one transaction.")
    var apply = false

    func validate() throws {
        guard ["units", "people"].contains(kind) else { throw ValidationError("Import units or people.") }
    }

    func run() async throws {
        guard let organizationID = UUID(uuidString: organization) else { throw ValidationError("--organization is the id that `organization create` printed.") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ValidationError("Cannot read \(file).")
        }
        let app = try await Application.make(Environment(name: "production", arguments: ["ivareta"]))
        let report: CommandLineImport.Report
        do {
            try await configure(app, settings: try database.settings())
            try await prepareDatabase(app)
            report = try await CommandLineImport.run(kind: kind, file: data, organizationID: organizationID, apply: apply, in: app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        for line in report.lines { say(line) }
        if !report.valid { throw ExitCode(1) }
    }
}
